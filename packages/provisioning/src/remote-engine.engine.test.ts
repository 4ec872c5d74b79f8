import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import {
  EVERYTHING_SERVER_ARGV,
  engineSuite,
  ensureImage,
  everythingServerImage,
  type RemoteHost,
  startRemoteHost,
  testLabels,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createBackendSet } from './backend-set.js';
import { GATEWAY_LABEL } from './gateway-labels.js';
import { loadCatalog } from './load-catalog.js';

engineSuite('a containerized server on the engine of an SSH profile', () => {
  let remote: RemoteHost;
  let dir: string;
  let image: string;

  beforeAll(async () => {
    image = (await ensureImage(everythingServerImage)).tag;
    remote = await startRemoteHost();
    await remote.loadImage(image);
    dir = await mkdtemp(join(tmpdir(), 'berth-remote-mcp-'));
  }, 600_000);
  afterAll(async () => {
    await remote?.[Symbol.asyncDispose]();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts the server on the remote engine, answers a call through the attached stream, and cleans up', async () => {
    const config = BerthConfig.parse({ profiles: { far: remote.sshProfile() } });
    await using pool = createClientPool({ config, homeDir: dir, knownHostsDir: join(dir, 'state') });
    await writeFile(
      join(dir, 'catalog.yaml'),
      stringify({ servers: { far: { image, command: EVERYTHING_SERVER_ARGV, profile: 'far' } } }),
    );
    const set = await createBackendSet({
      catalog: await loadCatalog(join(dir, 'catalog.yaml')),
      pool,
      extraLabels: testLabels(),
    });
    const onRemote = async () =>
      (
        await remote.ssh(['docker', 'ps', '-aq', '--filter', `label=${GATEWAY_LABEL}=${set.gatewayId}`])
      ).stdout.trim();
    try {
      const result = await set.get('far')?.callTool('get-sum', { a: 20, b: 22 });
      expect(JSON.stringify(result?.content)).toContain('42');
      expect(await onRemote()).not.toBe('');
    } finally {
      await set.close();
    }
    // Removal on the remote host's vfs storage takes a moment after close returns.
    await expect.poll(onRemote, { timeout: 60_000, interval: 1_000 }).toBe('');
  });
});
