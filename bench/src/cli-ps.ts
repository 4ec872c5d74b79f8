/**
 * `berth ps` from spawn to its table, against `docker ps` measured in the same run
 * (target ≤ 1.5x), with `node -e 0` (the floor any Node CLI pays) and `berth --version`
 * (which must load almost nothing) beside it. Both list the same local engine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, ratioLine } from './measure.js';

const bin = fileURLToPath(new URL('../../apps/cli/dist/main.js', import.meta.url));

function run(argv: string[], env: NodeJS.ProcessEnv): void {
  const [file, ...args] = argv as [string, ...string[]];
  const r = spawnSync(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr.toString().slice(0, 300)}`);
}

export const cliPs = {
  name: 'cli ps',
  run: async (): Promise<string[]> => {
    // A HOME of its own: no user config, the implicit local profile, no audit writes.
    const home = mkdtempSync(join(tmpdir(), 'berth-bench-cli-'));
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    };
    try {
      const docker = await measure('docker ps', async () => run(['docker', 'ps'], env));
      const berth = await measure('berth ps', async () => run([process.execPath, bin, 'ps'], env));
      const node = await measure('node -e 0', async () => run([process.execPath, '-e', '0'], env));
      const version = await measure('berth --version', async () =>
        run([process.execPath, bin, '--version'], env),
      );
      return [
        ratioLine(berth, docker, '≤ 1.5x'),
        ratioLine(berth, node),
        ratioLine(version, node, '≈ 1x: loads almost nothing'),
      ];
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};
