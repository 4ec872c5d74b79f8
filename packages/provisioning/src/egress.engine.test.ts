import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { execInContainer } from '@berth/engine';
import {
  dockerClient,
  EVERYTHING_SERVER_ARGV,
  egressProxyImage,
  engineSuite,
  ensureImage,
  everythingServerImage,
  startContainer,
  type TestContainer,
  testLabels,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createBackendSet, type ManagedBackendSet } from './backend-set.js';
import { GATEWAY_LABEL } from './gateway-labels.js';
import { loadCatalog } from './load-catalog.js';

const docker = dockerClient();

/**
 * Two HTTP servers (published on 127.0.0.1 and on a test network as `allowed.test` and
 * `denied.test`): the egress proxy of an allowHosts server reaches them through that
 * network, so every packet stays on this machine.
 */
engineSuite('allowHosts: a server reaches only the listed hosts, through the egress proxy', () => {
  let dir: string;
  let outer: string;
  const hello: TestContainer[] = [];
  let set: ManagedBackendSet;
  const pool = createClientPool({ config: BerthConfig.parse({ profiles: { local: { type: 'local' } } }) });

  beforeAll(async () => {
    const image = (await ensureImage(everythingServerImage)).tag;
    const proxyImage = (await ensureImage(egressProxyImage)).tag;
    outer = `berth-test-outer-${randomBytes(4).toString('hex')}`;
    await docker.createNetwork({ Name: outer, Labels: testLabels() });
    for (const name of ['allowed', 'denied']) {
      const box = await startContainer({
        image,
        cmd: ['/usr/local/bin/node', '/app/http-hello.mjs', '8080', name],
        ports: [8080],
      });
      hello.push(box);
      await docker
        .getNetwork(outer)
        .connect({ Container: box.id, EndpointConfig: { Aliases: [`${name}.test`] } });
    }
    dir = await mkdtemp(join(tmpdir(), 'berth-egress-'));
    await writeFile(
      join(dir, 'catalog.yaml'),
      stringify({
        servers: {
          fenced: { image, command: EVERYTHING_SERVER_ARGV, network: { allowHosts: ['allowed.test:8080'] } },
        },
      }),
    );
    set = await createBackendSet({
      catalog: await loadCatalog(join(dir, 'catalog.yaml')),
      pool,
      egressProxyImage: proxyImage,
      egressOuterNetwork: outer,
      extraLabels: testLabels(),
    });
  });

  afterAll(async () => {
    await set?.close();
    for (const box of hello) await box[Symbol.asyncDispose]();
    if (outer)
      await docker
        .getNetwork(outer)
        .remove()
        .catch(() => {});
    await pool.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('allowed.test answers through the proxy; denied.test is refused; no direct route exists', async () => {
    await set.get('fenced')?.ensureStarted();
    const [server] = await docker.listContainers({
      filters: { label: [`${GATEWAY_LABEL}=${set.gatewayId}`, 'berth.server=fenced'] },
    });
    const id = server?.Id as string;
    const inspect = await docker.getContainer(id).inspect();
    const networks = Object.keys(inspect.NetworkSettings.Networks);
    expect(networks).toHaveLength(1);
    expect((await docker.getNetwork(networks[0] as string).inspect()).Internal).toBe(true);

    const get = (url: string) =>
      execInContainer(docker, id, ['/usr/local/bin/node', '/app/proxy-get.mjs', url], { timeoutMs: 30_000 });
    const allowed = await get('http://allowed.test:8080/');
    expect(allowed.stdout.trim()).toBe('200 hello from allowed');
    const denied = await get('http://denied.test:8080/');
    expect(denied.exitCode).not.toBe(0);
    expect(denied.stdout).toMatch(/^403 /);
    expect(denied.stdout).not.toContain('hello from denied');

    // CONNECT (how HTTPS goes through a proxy) is held to the same list.
    const connect = async (target: string) => {
      const script = `const s = require('net').connect(8888, 'berth-egress-proxy', () => s.write('CONNECT ${target} HTTP/1.1\\r\\nHost: ${target}\\r\\n\\r\\n')); s.once('data', (d) => { process.stdout.write(String(d).split('\\r\\n')[0]); s.destroy(); });`;
      return (await execInContainer(docker, id, ['/usr/local/bin/node', '-e', script], { timeoutMs: 30_000 }))
        .stdout;
    };
    expect(await connect('allowed.test:8080')).toMatch(/^HTTP\/1\.[01] 200/);
    expect(await connect('denied.test:8080')).toMatch(/^HTTP\/1\.[01] 403/);

    // Without the proxy there is no way out: the internal network has no route to denied.test's address.
    const [deniedBox] = hello.slice(1);
    const address = (await docker.getContainer(deniedBox?.id as string).inspect()).NetworkSettings.Networks[
      outer
    ]?.IPAddress;
    const published = `http://${address}:8080/`;
    const direct = await execInContainer(
      docker,
      id,
      [
        '/usr/local/bin/node',
        '-e',
        `fetch(${JSON.stringify(published)}, { signal: AbortSignal.timeout(3000) }).then(() => process.exit(0), () => process.exit(3))`,
      ],
      { timeoutMs: 30_000 },
    );
    expect(direct.exitCode).toBe(3);
  });

  it('closing the server removes its proxy and internal network', async () => {
    await set.close();
    expect(
      await docker.listContainers({ all: true, filters: { label: [`${GATEWAY_LABEL}=${set.gatewayId}`] } }),
    ).toEqual([]);
    expect(await docker.listNetworks({ filters: { label: [`${GATEWAY_LABEL}=${set.gatewayId}`] } })).toEqual(
      [],
    );
  });
});
