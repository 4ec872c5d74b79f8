import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestHttpMcpServer, type TestHttpMcpServer } from '../test/test-http-mcp-server.js';
import { createBackendSet, watchCatalog } from './index.js';

let http: TestHttpMcpServer;
let dir: string;
beforeAll(async () => {
  http = await startTestHttpMcpServer();
  dir = await mkdtemp(join(tmpdir(), 'berth-readme-'));
});
afterAll(async () => {
  await http?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('the README example runs', async () => {
  const catalogPath = join(dir, 'catalog.yaml');
  await writeFile(catalogPath, stringify({ servers: { web: { remote: { url: `${http.url}/mcp` } } } }));
  // The README's lines, unchanged:
  const pool = createClientPool({ config: BerthConfig.parse({ profiles: { local: { type: 'local' } } }) });
  await using catalog = await watchCatalog(catalogPath);
  await using servers = await createBackendSet({ catalog, pool });
  const web = servers.get('web');
  const tools = await web?.listTools({ session: 'client-1' });
  const result = await web?.callTool(
    'echo',
    { text: 'hi' },
    { session: 'client-1', signal: AbortSignal.timeout(10_000) },
  );
  // ... end of the README's lines.
  expect(tools?.map((t) => t.name)).toContain('echo');
  expect(result?.content).toEqual([{ type: 'text', text: 'echo: hi' }]);
  await pool.dispose();
});
