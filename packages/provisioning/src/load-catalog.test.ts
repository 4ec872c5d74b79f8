import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalog } from './load-catalog.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-catalog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadCatalog', () => {
  it('fills defaults and takes secrets from the secrets file before the environment', async () => {
    await writeFile(join(dir, 'secrets.env'), '# tokens\nGH_TOKEN="from-file"\n');
    const path = join(dir, 'catalog.yaml');
    await writeFile(
      path,
      [
        'secretsFile: secrets.env',
        'servers:',
        '  gh:',
        '    image: example/gh:1',
        '    secrets: { GH_TOKEN: GITHUB_TOKEN, OTHER: OTHER_TOKEN }',
        '  api:',
        '    remote: { url: "http://127.0.0.1:9/mcp", headers: { Authorization: "Bearer {{ secrets.API }}" } }',
      ].join('\n'),
    );
    const loaded = await loadCatalog(path, { env: { GH_TOKEN: 'from-env', API: 'api-key' } });
    expect(loaded.secrets.get('GH_TOKEN')).toBe('from-file');
    expect(loaded.secrets.get('API')).toBe('api-key');
    expect(loaded.warnings.map((w) => w.path)).toEqual(['servers.gh.secrets.OTHER']);
    const gh = loaded.catalog.servers.gh;
    expect(gh?.network).toBe('none');
    expect(gh?.longLived).toBe(false);
    expect(loaded.catalog.servers.api?.remote?.transport).toBe('streamable-http');
  });

  it('refuses a server with two ways to run, naming the path', async () => {
    const path = join(dir, 'catalog.yaml');
    await writeFile(path, 'servers:\n  x:\n    image: a/b\n    static: "127.0.0.1:1"\n');
    await expect(loadCatalog(path, { env: {} })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringContaining('servers.x: set exactly one of image, remote or static'),
    });
  });

  it('reports a secrets file line by number, never its text', async () => {
    await writeFile(join(dir, 's.env'), 'not a pair hunter2\n');
    const path = join(dir, 'catalog.yaml');
    await writeFile(path, 'secretsFile: s.env\nservers: {}\n');
    const error = await loadCatalog(path, { env: {} }).then(
      () => new Error('loaded'),
      (e: Error) => e,
    );
    expect(error.message).toContain('line 1');
    expect(error.message).not.toContain('hunter2');
  });
});
