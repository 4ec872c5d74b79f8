import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dockerClient,
  EVERYTHING_SERVER_ARGV,
  engineSuite,
  ensureImage,
  everythingServerImage,
  LABEL_RUN,
  startContainer,
  type TestContainer,
  testLabels,
  waitUntil,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  BERTH_TOOL_NAMES,
  type GatewayProcess,
  gatewayClient,
  rowsOf,
  startGatewayProcess,
} from './gateway-process.js';

const BERTH = BERTH_TOOL_NAMES;
const INNER_TOKEN = 'inner-gateway-token-0123456789';

/** `--label k=v` for every test label, so the leftover sweep knows what the gateway starts. */
const labelArgs = () => Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);

engineSuite(
  'berth-gateway serves a catalog: a container, a remote and a static server beside its own tools',
  () => {
    let dir: string;
    let inner: GatewayProcess;
    let bridge: TestContainer;
    let gateway: GatewayProcess;

    beforeAll(async () => {
      const image = (await ensureImage(everythingServerImage)).tag;
      dir = await mkdtemp(join(tmpdir(), 'berth-gateway-catalog-'));
      // The remote server: another berth-gateway, reached over Streamable HTTP with its token.
      inner = await startGatewayProcess({ token: INNER_TOKEN });
      // The static server: pre-started, newline JSON-RPC over TCP on a loopback-published port.
      bridge = await startContainer({
        image,
        cmd: ['/usr/local/bin/node', '/app/tcp-bridge.mjs', '4444', ...EVERYTHING_SERVER_ARGV],
        ports: [4444],
        labels: testLabels(),
      });
      await writeFile(join(dir, 'secrets.env'), `INNER=${INNER_TOKEN}\n`, { mode: 0o600 });
      await writeFile(
        join(dir, 'catalog.yaml'),
        [
          'secretsFile: secrets.env',
          'servers:',
          '  ev:',
          `    image: ${image}`,
          `    command: ${JSON.stringify(EVERYTHING_SERVER_ARGV)}`,
          '    tools: [echo, get-sum]',
          '    initializeTimeoutMs: 60000',
          '  web:',
          '    remote:',
          `      url: ${inner.url}`,
          '      headers: { Authorization: "Bearer {{secrets.INNER}}" }',
          '  tcp:',
          `    static: 127.0.0.1:${bridge.hostPort(4444)}`,
          '    tools: [echo]',
          '',
        ].join('\n'),
      );
      gateway = await startGatewayProcess({ args: ['--catalog', join(dir, 'catalog.yaml'), ...labelArgs()] });
    });

    afterAll(async () => {
      await gateway?.stop();
      await inner?.stop();
      await bridge?.[Symbol.asyncDispose]();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('lists every server under one namespace-safe list and calls a tool on each path and on berth', async () => {
      await using client = await gatewayClient(gateway.url, 'modern');
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual([...BERTH, 'ev__echo', 'get-sum', ...BERTH.map((t) => `web__${t}`), 'tcp__echo']);
      const text = (result: { content?: unknown }) =>
        ((result.content ?? []) as { text?: string }[])[0]?.text ?? '';
      expect(
        text(await client.callTool({ name: 'ev__echo', arguments: { message: 'via container' } })),
      ).toContain('via container');
      expect(text(await client.callTool({ name: 'get-sum', arguments: { a: 2, b: 3 } }))).toContain('5');
      expect(text(await client.callTool({ name: 'tcp__echo', arguments: { message: 'via tcp' } }))).toContain(
        'via tcp',
      );
      const remote = await client.callTool({ name: 'web__read', arguments: { action: 'version' } });
      expect(remote.isError, text(remote)).toBeFalsy();
      expect(rowsOf(remote)[0]?.api).toMatch(/^1\.\d+$/);
      const own = await client.callTool({ name: 'read', arguments: { action: 'version' } });
      expect(rowsOf(own)[0]?.api).toMatch(/^1\.\d+$/);

      const metrics = await (
        await fetch(`${gateway.origin}/metrics`, {
          headers: { authorization: 'Bearer gateway-test-token-0123456789abcdef' },
        })
      ).text();
      expect(metrics).toMatch(/berth_gateway_containers\{server="ev"\} 1/);
    });

    it('removes every container it started when it stops', async () => {
      const ours = () =>
        dockerClient().listContainers({
          all: true,
          filters: { label: [`${LABEL_RUN}=${testLabels()[LABEL_RUN]}`, 'berth.server'] },
        });
      expect((await ours()).length).toBeGreaterThan(0);
      expect(await gateway.stop()).toBe(0);
      // The engine finishes a removal it has accepted on its own time ("Removal In Progress").
      await waitUntil('the gateway containers are gone', async () => (await ours()).length === 0, {
        timeoutMs: 30_000,
      });
      expect(await ours()).toEqual([]);
    });
  },
);
