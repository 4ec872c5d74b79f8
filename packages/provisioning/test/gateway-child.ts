// A gateway process for the restart test: starts one server, prints its gateway id, then waits to be killed.
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { createBackendSet } from '../src/backend-set.js';
import { loadCatalog } from '../src/load-catalog.js';

const [catalogPath, labels] = process.argv.slice(2);
const pool = createClientPool({ config: BerthConfig.parse({ profiles: { local: { type: 'local' } } }) });
const set = await createBackendSet({
  catalog: await loadCatalog(catalogPath as string),
  pool,
  extraLabels: JSON.parse(labels as string) as Record<string, string>,
});
await set.get('ev')?.ensureStarted();
process.stdout.write(`${JSON.stringify({ gatewayId: set.gatewayId })}\n`);
setInterval(() => {}, 60_000);
