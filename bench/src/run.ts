/**
 * Runs berth's benchmarks: `pnpm bench [name]`. Each benchmark measures its baseline in
 * the same run (these machines are noisy) and prints ratios; none asserts a time.
 * Benchmarks that need the engine start their own fixtures through @berth/testkit.
 */
import { cliPs } from './cli-ps.js';
import { clientAcquire } from './client-acquire.js';
import { dbBackup } from './db-backup.js';
import { fanOut } from './fan-out.js';
import { gatewayLatency } from './gateway-latency.js';
import { listContainers } from './list-containers.js';
import { mcpList } from './mcp-list.js';
import { migrateThroughput } from './migrate-throughput.js';
import { provisioningPool } from './provisioning-pool.js';
import { serverStart } from './server-start.js';

interface Benchmark {
  name: string;
  run: () => Promise<string[]>;
}

const BENCHMARKS: Benchmark[] = [
  clientAcquire,
  listContainers,
  fanOut,
  serverStart,
  mcpList,
  gatewayLatency,
  provisioningPool,
  cliPs,
  dbBackup,
  migrateThroughput,
];

const only = process.argv[2];
const selected = BENCHMARKS.filter((bench) => !only || bench.name === only);
if (selected.length === 0) {
  process.stderr.write(`no benchmark named "${only}"; have: ${BENCHMARKS.map((b) => b.name).join(', ')}\n`);
  process.exit(2);
}
for (const bench of selected) {
  process.stdout.write(`\n# ${bench.name}\n`);
  for (const line of await bench.run()) process.stdout.write(`${line}\n`);
}
