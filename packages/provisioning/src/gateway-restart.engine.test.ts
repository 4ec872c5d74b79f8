import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { openHostEngine } from '@berth/engine';
import {
  dockerClient,
  EVERYTHING_SERVER_ARGV,
  engineSuite,
  ensureImage,
  everythingServerImage,
  startContainer,
  testLabels,
} from '@berth/testkit';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createBackendSet } from './backend-set.js';
import { currentOwner, GATEWAY_LABEL, localProbe, ownerLabels } from './gateway-labels.js';
import { loadCatalog } from './load-catalog.js';
import { pullCatalogImages } from './pull-images.js';
import { reapGateways } from './reaper.js';

const docker = dockerClient();
const tsx = createRequire(import.meta.url).resolve('tsx');

async function containersOf(gatewayId: string) {
  return docker.listContainers({ all: true, filters: { label: [`${GATEWAY_LABEL}=${gatewayId}`] } });
}

engineSuite(
  'gateway restarts leave no orphans; the reaper never touches a live gateway; images are pulled up front only',
  () => {
    let dir: string;
    let image: string;
    const pool = createClientPool({ config: BerthConfig.parse({ profiles: { local: { type: 'local' } } }) });

    beforeAll(async () => {
      image = (await ensureImage(everythingServerImage)).tag;
      dir = await mkdtemp(join(tmpdir(), 'berth-restart-'));
      await writeFile(
        join(dir, 'catalog.yaml'),
        stringify({ servers: { ev: { image, command: EVERYTHING_SERVER_ARGV } } }),
      );
    });
    afterAll(async () => {
      await pool.dispose();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('SIGKILL on a gateway, then a restart: none of its containers survive', async () => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          tsx,
          join(import.meta.dirname, '../test/gateway-child.ts'),
          join(dir, 'catalog.yaml'),
          JSON.stringify(testLabels()),
        ],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const { gatewayId } = JSON.parse(line) as { gatewayId: string };
      expect(await containersOf(gatewayId)).toHaveLength(1);
      child.kill('SIGKILL');
      await once(child, 'exit');
      await using restarted = await createBackendSet({
        catalog: await loadCatalog(join(dir, 'catalog.yaml')),
        pool,
        extraLabels: testLabels(),
      });
      // The dead gateway's container is gone: its stdin closed with the attach, or the restart reaped it.
      await expect.poll(async () => (await containersOf(gatewayId)).length, { timeout: 15_000 }).toBe(0);
      expect(restarted.gatewayId).not.toBe(gatewayId);
    });

    it("reaps a dead gateway's containers and networks, and keeps a live one's", async () => {
      const probe = localProbe();
      const live = ownerLabels(currentOwner('live-gw', probe));
      // No process has pid 2^22 + 1 (above Linux's pid_max), so this owner is provably dead.
      const dead = ownerLabels({ ...currentOwner('dead-gw', probe), pid: 4_194_305 });
      const sleep = ['/usr/local/bin/node', '-e', 'setInterval(() => {}, 1000)'];
      await using liveBox = await startContainer({ image, cmd: sleep, labels: live });
      await using deadBox = await startContainer({ image, cmd: sleep, labels: dead });
      const network = await docker.createNetwork({
        Name: `berth-test-dead-${Date.now()}`,
        Labels: testLabels(dead),
      });
      try {
        const host = await openHostEngine(pool, 'local', { signal: AbortSignal.timeout(60_000) });
        const result = await reapGateways(host, { probe, logger: pino({ level: 'silent' }) });
        // Other tests' dead gateways may be reaped too; this test's live one never.
        expect(result.containers).toContain(deadBox.id);
        expect(result.containers).not.toContain(liveBox.id);
        expect(result.gateways).toContain('dead-gw');
        expect(result.gateways).not.toContain('live-gw');
        expect(result.networks.some((name) => name.startsWith('berth-test-dead-'))).toBe(true);
        expect((await docker.getContainer(liveBox.id).inspect()).State.Running).toBe(true);
        await expect(docker.getContainer(deadBox.id).inspect()).rejects.toThrow();
      } finally {
        await network.remove().catch(() => {});
      }
    });

    it('a missing image fails the call without a pull; pulling happens up front, per profile', async () => {
      // A registry on a closed loopback port: nothing can be pulled, nothing leaves the machine.
      const missing = '127.0.0.1:9/berth-test/absent:1';
      await writeFile(
        join(dir, 'missing.yaml'),
        stringify({ servers: { ev: { image, command: EVERYTHING_SERVER_ARGV }, gone: { image: missing } } }),
      );
      const loaded = await loadCatalog(join(dir, 'missing.yaml'));
      await using set = await createBackendSet({ catalog: loaded, pool, extraLabels: testLabels() });
      await expect(set.get('gone')?.listTools()).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('pull it first'),
      });
      const pulled = await pullCatalogImages(loaded.catalog, pool, { signal: AbortSignal.timeout(60_000) });
      expect(pulled.map((p) => [p.server, p.outcome])).toEqual([
        ['ev', 'present'],
        ['gone', 'failed'],
      ]);
    });
  },
);
