import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestHttpMcpServer, type TestHttpMcpServer } from '../test/test-http-mcp-server.js';
import type { BackendSetChange } from './backend.js';
import { createBackendSet } from './backend-set.js';
import { watchCatalog } from './watch-catalog.js';

let http: TestHttpMcpServer;
let dir: string;
beforeAll(async () => {
  http = await startTestHttpMcpServer();
  dir = await mkdtemp(join(tmpdir(), 'berth-reload-'));
});
afterAll(async () => {
  await http?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// No container servers here: the set must never ask the engine pool for anything.
const noEngine = {
  acquire: async () => {
    throw new Error('no engine in this test');
  },
};

it('a catalog reload adds, changes and removes servers; a broken file keeps the last good set', async () => {
  const file = join(dir, 'catalog.yaml');
  const remote = { url: `${http.url}/mcp` };
  const withToken = { remote: { ...remote, headers: { Authorization: 'Bearer {{secrets.TOK}}' } } };
  await writeFile(join(dir, 's.env'), 'TOK=one\n');
  await writeFile(
    file,
    stringify({ secretsFile: 's.env', servers: { a: { remote }, b: { remote }, s: withToken } }),
  );
  await using watcher = await watchCatalog(file, { debounceMs: 50 });
  await using set = await createBackendSet({ catalog: watcher, pool: noEngine });
  const changes: BackendSetChange[] = [];
  set.onChange((change) => changes.push(change));
  const before = set.get('a');
  expect((await before?.listTools())?.map((t) => t.name).sort()).toEqual(['echo', 'hidden']);

  await writeFile(
    file,
    stringify({
      secretsFile: 's.env',
      servers: { a: { remote, tools: ['echo'] }, c: { remote }, s: withToken },
    }),
  );
  await expect.poll(() => changes.length, { timeout: 10_000 }).toBe(1);
  expect(changes[0]).toEqual({ added: ['c'], removed: ['b'], changed: ['a'] });
  expect(set.names()).toEqual(['a', 'c', 's']);
  expect((await set.get('a')?.listTools())?.map((t) => t.name)).toEqual(['echo']);
  // The replaced backend is closed: a caller holding it gets CLOSED, not a stale server.
  await expect(before?.listTools() ?? Promise.resolve()).rejects.toMatchObject({ code: 'CLOSED' });

  // A changed secret restarts only the server that uses it.
  await writeFile(join(dir, 's.env'), 'TOK=two\n');
  await expect.poll(() => changes.length, { timeout: 10_000 }).toBe(2);
  expect(changes[1]).toEqual({ added: [], removed: [], changed: ['s'] });
  await set.get('s')?.listTools();
  expect(http.authorizations.at(-1)).toBe('Bearer two');

  const errors: string[] = [];
  watcher.on('error', (error) => errors.push(error.code));
  await writeFile(file, 'servers: { a: { image: [ }');
  await expect.poll(() => errors, { timeout: 10_000 }).toEqual(['RELOAD_FAILED']);
  expect(set.names()).toEqual(['a', 'c', 's']);
  expect(changes).toHaveLength(2);
});
