import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface StallConfig extends AsyncDisposable {
  /** A berth.yaml for `--config`: `local` and the given profiles. */
  path: string;
  dir: string;
}

/** A throwaway config file beside a throwaway folder, removed on dispose. */
export async function stallConfig(profiles: Record<string, Record<string, unknown>>): Promise<StallConfig> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-stall-'));
  const path = join(dir, 'berth.yaml');
  // JSON is YAML: one line per profile, no quoting rules to get wrong.
  const lines = Object.entries({ local: { type: 'local' }, ...profiles }).map(
    ([name, profile]) => `  ${name}: ${JSON.stringify(profile)}`,
  );
  await writeFile(path, `profiles:\n${lines.join('\n')}\n`);
  return { path, dir, [Symbol.asyncDispose]: () => rm(dir, { recursive: true, force: true }) };
}
