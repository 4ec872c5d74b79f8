// Test-only: the two hosts of the migration tests, and checks that do not use the code under test.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClientPool, createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { bindEngine, type HostEngine } from '@berth/engine';
import {
  busyboxImage,
  ensureImage,
  type RemoteHost,
  runCommand,
  startRemoteHost,
  testLabels,
} from '@berth/testkit';
import { createComposeDriver } from '../compose-driver.js';
import type { ComposeDriver } from '../compose-driver-types.js';
import type { MigrationEndpoint } from './plan-migration.js';

export interface MigrateHosts extends AsyncDisposable {
  pool: ClientPool;
  remote: RemoteHost;
  /** The local engine, where the stack starts. */
  a: MigrationEndpoint & { compose: ComposeDriver };
  /** A trixie remote host over SSH (Docker 26, Compose v2), where it moves. */
  b: MigrationEndpoint & { compose: ComposeDriver };
  image: string;
  /** A folder on this machine under both profiles' bindRoots; the same path is free on B. */
  root: string;
}

export async function openMigrateHosts(): Promise<MigrateHosts> {
  const { tag: image } = await ensureImage(busyboxImage);
  const remote = await startRemoteHost({ flavour: 'trixie' });
  const root = mkdtempSync('/tmp/berth-migrate-');
  try {
    const config = BerthConfig.parse({
      profiles: { a: { type: 'local', bindRoots: [root] }, b: remote.sshProfile({ bindRoots: [root] }) },
    });
    const pool = createClientPool({ config });
    // Bound to a signal nobody aborts: cancellation goes through runMigration's own signal.
    const forever = new AbortController().signal;
    const engine = async (name: string): Promise<HostEngine> =>
      bindEngine(await pool.acquire(name), { signal: forever });
    const [ea, eb] = [await engine('a'), await engine('b')];
    return {
      pool,
      remote,
      image,
      root,
      a: { engine: ea, bindRoots: [root], compose: createComposeDriver(ea) },
      b: { engine: eb, bindRoots: [root], compose: createComposeDriver(eb) },
      async [Symbol.asyncDispose]() {
        try {
          await pool.dispose();
        } finally {
          rmSync(root, { recursive: true, force: true });
          await remote[Symbol.asyncDispose]();
        }
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    await remote[Symbol.asyncDispose]();
    throw error;
  }
}

/** A stack with a named volume and a bind mount; healthy only when both hold their data. */
export function writeStack(
  root: string,
  project: string,
  image: string,
  port: number,
): { directory: string; bind: string } {
  const directory = join(root, 'stacks', project);
  const bind = join(root, 'binds', project, 'conf');
  mkdirSync(directory, { recursive: true });
  mkdirSync(join(bind, 'nested'), { recursive: true });
  writeFileSync(join(bind, 'app.conf'), 'listen = 80\n');
  writeFileSync(join(bind, 'nested', 'secret.key'), 'k'.repeat(4096), { mode: 0o600 });
  chmodSync(join(bind, 'nested', 'secret.key'), 0o600);
  symlinkSync('app.conf', join(bind, 'current.conf'));
  const labels = Object.entries(testLabels())
    .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`)
    .join('\n');
  writeFileSync(
    join(directory, 'compose.yaml'),
    `services:
  app:
    image: ${image}
    command: ["httpd", "-f", "-p", "80", "-h", "/data"]
    ports: ["127.0.0.1:\${APP_PORT}:80"]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "cat", "/data/hello.txt", "/conf/app.conf"]
      interval: 1s
      retries: 60
    volumes: ["data:/data", "${bind}:/conf:ro"]
    labels:
${labels}
volumes:
  data:
    labels:
${labels}
networks:
  default:
    labels:
${labels}
`,
  );
  writeFileSync(join(directory, '.env'), `APP_PORT=${port}\nAPP_SECRET=s3cret-value\n`, { mode: 0o600 });
  return { directory, bind };
}

/** Fills the stack's volume on A: small known files, a symlink, odd modes and `megabytes` of random data. */
/** `--label k=v` for every test label: the run id alone would look like another run's leftover to a sweep. */
export function labelArgs(): string[] {
  return Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
}

export async function fillVolume(image: string, volume: string, megabytes: number): Promise<void> {
  await runCommand(
    [
      'docker',
      'run',
      '--rm',
      '-v',
      `${volume}:/d`,
      ...labelArgs(),
      image,
      'sh',
      '-c',
      `echo hello > /d/hello.txt && mkdir -p /d/db/empty && chmod 700 /d/db && ln -s hello.txt /d/link && chown 33:44 /d/hello.txt && dd if=/dev/urandom of=/d/db/blob bs=1M count=${megabytes} 2>/dev/null`,
    ],
    { timeoutMs: 60_000 },
  );
}

/** sha256 of every file, and mode/owner/type of every entry, listed inside a container: independent of berth's manifests. */
const LISTING =
  'cd /d && find . -type f -exec sha256sum {} + | sort && find . -exec stat -c "%n %F %a %u %g" {} + | sort && find . -type l -exec readlink {} \\;';

export async function volumeListing(where: 'a' | RemoteHost, image: string, mount: string): Promise<string> {
  const argv = [
    'docker',
    'run',
    '--rm',
    ...(where === 'a' ? labelArgs() : []),
    '-v',
    `${mount}:/d:ro`,
    image,
    'sh',
    '-c',
    LISTING,
  ];
  const result = where === 'a' ? await runCommand(argv, { timeoutMs: 60_000 }) : await where.ssh(argv);
  if (result.exitCode !== 0) throw new Error(`listing ${mount} failed: ${result.stderr}`);
  return result.stdout;
}
