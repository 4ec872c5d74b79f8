/**
 * `berth ps` from spawn to its table, against `docker ps` measured in the same run
 * (target ≤ 1.5x), with `node -e 0` (the floor any Node CLI pays) and `berth --version`
 * (which must load almost nothing) beside it. Both list the same local engine. `berth ps`
 * runs twice: without a config file (the implicit local profile, no YAML parser) and with a
 * user config file naming the same engine, as most users have one. Beside the wall times,
 * the CPU each run took: on a shared, loaded machine wall time follows the load, CPU time
 * much less.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, ratioLine, type Sample } from './measure.js';

const bin = fileURLToPath(new URL('../../apps/cli/dist/bin.cjs', import.meta.url));

function run(argv: string[], env: NodeJS.ProcessEnv): void {
  const [file, ...args] = argv as [string, ...string[]];
  const r = spawnSync(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr.toString().slice(0, 300)}`);
}

/** CPU (user + system) of this process's finished children, in ms; undefined off Linux. */
function childrenCpuMs(): number | undefined {
  try {
    // /proc/self/stat: fields 16 and 17 (cutime, cstime) after the `(comm)` field, in ticks of 10 ms.
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** `measure`, plus the mean CPU of one run (warm-up runs included). */
async function measureCpu(name: string, fn: () => Promise<unknown>): Promise<Sample & { cpuMs?: number }> {
  const before = childrenCpuMs();
  const sample = await measure(name, fn);
  const after = childrenCpuMs();
  const runs = sample.samples.length + 2;
  return before === undefined || after === undefined ? sample : { ...sample, cpuMs: (after - before) / runs };
}

const cpuLine = (samples: (Sample & { cpuMs?: number })[]) =>
  `cpu per run (mean): ${samples.map((s) => `${s.name} ${s.cpuMs === undefined ? '?' : s.cpuMs.toFixed(0)} ms`).join(', ')}`;

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
      const docker = await measureCpu('docker ps', async () => run(['docker', 'ps'], env));
      const berth = await measureCpu('berth ps', async () => run([process.execPath, bin, 'ps'], env));
      // The same engine through a user config file (DOCKER_HOST, when set, is the local profile's default).
      const withConfig = { ...env, HOME: join(home, 'with-config') };
      mkdirSync(join(withConfig.HOME, '.config', 'berth'), { recursive: true });
      writeFileSync(
        join(withConfig.HOME, '.config', 'berth', 'config.yaml'),
        'defaultProfile: here\nprofiles:\n  here:\n    type: local\n    description: this machine\n',
      );
      const configured = await measureCpu('berth ps (config file)', async () =>
        run([process.execPath, bin, 'ps'], withConfig),
      );
      const node = await measureCpu('node -e 0', async () => run([process.execPath, '-e', '0'], env));
      const version = await measureCpu('berth --version', async () =>
        run([process.execPath, bin, '--version'], env),
      );
      return [
        ratioLine(berth, docker, '≤ 1.5x'),
        ratioLine(berth, node),
        ratioLine(configured, docker),
        ratioLine(version, node, '≈ 1x: loads almost nothing'),
        cpuLine([docker, berth, configured, node, version]),
      ];
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
};
