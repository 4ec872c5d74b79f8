import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult } from '@berth/testkit';
import type { FuzzBed } from './fuzz-bed.test-support.js';

function walk(dir: string, depth = 6): string[] {
  if (depth === 0) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return [path, ...(entry.isDirectory() ? walk(path, depth - 1) : [])];
  });
}

/**
 * Canary files anywhere the fuzz could have run a payload: /tmp and the bed's folder on
 * this machine, /tmp and / of the SSH remote host, /tmp of every fixture container on
 * both engines (containers the fuzz created were looked into before they were removed).
 */
export async function findCanaries(bed: FuzzBed): Promise<string[]> {
  const { canaries } = bed;
  const found = [
    ...canaries.found(readdirSync('/tmp').join('\n')).map((n) => `local /tmp/${n}`),
    ...walk(bed.dir)
      .filter((p) => p.includes(canaries.prefix))
      .map((p) => `local ${p}`),
  ];
  for (const container of bed.local) {
    const ls = listed(await container.exec(['ls', '-a', '/tmp', '/', '/data']), container.name);
    found.push(...canaries.found(ls).map((n) => `local container ${container.name}: ${n}`));
  }
  const host = listed(await bed.remote.ssh(['ls', '-a', '/tmp', '/', '/root']), 'the remote host');
  found.push(...canaries.found(host).map((n) => `remote host: ${n}`));
  for (const name of bed.names.containers) {
    const ls = listed(await bed.remote.ssh(['docker', 'exec', name, 'ls', '-a', '/tmp', '/', '/data']), name);
    found.push(...canaries.found(ls).map((n) => `remote container ${name}: ${n}`));
  }
  return found;
}

/** A listing that could not be made would hide a canary: that fails the search. */
function listed(result: CommandResult, where: string): string {
  if (result.exitCode !== 0)
    throw new Error(`cannot list ${where} (exit ${result.exitCode}): ${result.stderr}`);
  return result.stdout;
}

/**
 * Plants a canary on the remote host and in a container on each engine, and says whether
 * the search finds all three: an empty search must mean nothing was there.
 */
export async function canarySearchWorks(bed: FuzzBed): Promise<boolean> {
  const probe = `${bed.canaries.path('probe')}`;
  const [first] = bed.local;
  if (!first) return false;
  await first.exec(['touch', probe]);
  await bed.remote.ssh(['docker', 'exec', bed.names.containers[0] ?? '', 'touch', probe]);
  await bed.remote.ssh(['touch', probe]);
  const found = await findCanaries(bed);
  await first.exec(['rm', '-f', probe]);
  await bed.remote.ssh(['docker', 'exec', bed.names.containers[0] ?? '', 'rm', '-f', probe]);
  await bed.remote.ssh(['rm', '-f', probe]);
  return found.length === 3;
}
