/**
 * Runs berth's benchmarks. Each benchmark measures its baseline in the same run (these
 * machines are noisy) and prints ratios; none asserts a time. Benchmarks are added by
 * the issues that build what they measure (BENCHMARKS below).
 */
import { measure, ratioLine } from './measure.js';

type Benchmark = { name: string; run: () => Promise<string[]> };

const BENCHMARKS: Benchmark[] = [
  {
    // Calibration: the cost of starting node itself, the baseline of start-up figures.
    name: 'node start',
    run: async () => {
      const { spawnSync } = await import('node:child_process');
      const node = await measure('node -e 0', async () => spawnSync(process.execPath, ['-e', '0']));
      const self = await measure('node -e "require(\'node:fs\')"', async () =>
        spawnSync(process.execPath, ['-e', "require('node:fs')"]),
      );
      return [ratioLine(self, node)];
    },
  },
];

const only = process.argv[2];
for (const bench of BENCHMARKS) {
  if (only && bench.name !== only) continue;
  process.stdout.write(`# ${bench.name}\n`);
  for (const line of await bench.run()) process.stdout.write(`${line}\n`);
}
