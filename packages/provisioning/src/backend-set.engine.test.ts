import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import {
  dockerClient,
  EVERYTHING_SERVER_ARGV,
  engineSuite,
  ensureImage,
  everythingServerImage,
  startContainer,
  type TestContainer,
  testLabels,
  waitUntil,
} from '@berth/testkit';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestHttpMcpServer, type TestHttpMcpServer } from '../test/test-http-mcp-server.js';
import type { McpBackend } from './backend.js';
import { createBackendSet, type ManagedBackendSet } from './backend-set.js';
import { GATEWAY_LABEL, SESSION_LABEL } from './gateway-labels.js';
import { loadCatalog } from './load-catalog.js';

const SECRET = 'sk-berth-test-7f3a9c1e5b';
const API_TOKEN = 'api-token-5d2e8a41';
const docker = dockerClient();

function text(result: { content?: unknown }): string {
  return ((result.content ?? []) as Array<{ type: string; text?: string }>).map((c) => c.text ?? '').join('');
}

async function gatewayContainers(gatewayId: string, extra: string[] = []) {
  return docker.listContainers({
    all: true,
    filters: { label: [`${GATEWAY_LABEL}=${gatewayId}`, ...extra] },
  });
}

engineSuite('provisioning backends: container, remote and static servers through a real MCP client', () => {
  let dir: string;
  let image: string;
  let http: TestHttpMcpServer;
  let bridge: TestContainer;
  let set: ManagedBackendSet;
  const pool = createClientPool({ config: BerthConfig.parse({ profiles: { local: { type: 'local' } } }) });

  beforeAll(async () => {
    image = (await ensureImage(everythingServerImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-provisioning-'));
    http = await startTestHttpMcpServer();
    // A "static" server: pre-started, speaking newline JSON-RPC on a loopback-published port.
    bridge = await startContainer({
      image,
      cmd: ['/usr/local/bin/node', '/app/tcp-bridge.mjs', '4444', ...EVERYTHING_SERVER_ARGV],
      ports: [4444],
    });
    await writeFile(join(dir, 'secrets.env'), `EV_TOKEN=${SECRET}\n`);
    const server = { image, command: EVERYTHING_SERVER_ARGV, initializeTimeoutMs: 60_000 };
    await writeFile(
      join(dir, 'catalog.yaml'),
      stringify({
        secretsFile: 'secrets.env',
        servers: {
          ev: {
            ...server,
            tools: ['echo', 'get-env', 'trigger-long-running-operation'],
            secrets: { EV_TOKEN: 'EV_TOKEN' },
            env: { GREETING: 'hello {{config.who}}' },
            config: { who: 'berth' },
            maxConcurrency: 2,
            queueTimeoutMs: 500,
          },
          sessions: { ...server, longLived: true, idleTimeoutMs: 1_000 },
          web: {
            remote: { url: `${http.url}/mcp`, headers: { Authorization: 'Bearer {{secrets.API_TOKEN}}' } },
          },
          websse: { remote: { url: `${http.url}/sse`, transport: 'sse' }, tools: ['echo'] },
          tcp: { static: `127.0.0.1:${bridge.hostPort(4444)}` },
        },
      }),
    );
    const catalog = await loadCatalog(join(dir, 'catalog.yaml'), { env: { API_TOKEN } });
    set = await createBackendSet({ catalog, pool, extraLabels: testLabels() });
  });

  afterAll(async () => {
    await set?.close();
    await bridge?.[Symbol.asyncDispose]();
    await http?.close();
    await pool.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const backend = (name: string): McpBackend => {
    const found = set.get(name);
    if (!found) throw new Error(`no backend ${name}`);
    return found;
  };

  it('runs a containerized stdio server locked down, secrets only in its environment', async () => {
    const ev = backend('ev');
    expect((await ev.listTools()).map((t) => t.name).sort()).toEqual([
      'echo',
      'get-env',
      'trigger-long-running-operation',
    ]);
    expect(text(await ev.callTool('echo', { message: 'hi' }))).toContain('hi');
    const env = text(await ev.callTool('get-env', {}));
    expect(env).toContain('hello berth');
    expect(env).toContain(SECRET);
    await expect(ev.callTool('get-sum', { a: 1, b: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const [summary, ...more] = await gatewayContainers(set.gatewayId, ['berth.server=ev']);
    expect(more).toEqual([]);
    const info = await docker.getContainer(summary?.Id as string).inspect();
    expect(info.HostConfig).toMatchObject({
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Init: true,
      AutoRemove: true,
      NetworkMode: 'none',
      Memory: 512 * 1024 * 1024,
      NanoCpus: 1e9,
    });
    expect(info.Config.Env).toContain(`EV_TOKEN=${SECRET}`);
    expect(JSON.stringify([info.Path, info.Args, info.Config.Cmd, info.Config.Entrypoint])).not.toContain(
      SECRET,
    );
    expect(execFileSync('ps', ['-eww', '-o', 'args'], { encoding: 'utf8' })).not.toContain(SECRET);
    // Warm reuse: later calls go to the same container.
    await ev.callTool('echo', { message: 'again' });
    expect((await gatewayContainers(set.gatewayId, ['berth.server=ev'])).map((c) => c.Id)).toEqual([
      summary?.Id,
    ]);
  });

  it('a server that dies mid-call fails that call; the next call gets a fresh server', async () => {
    const ev = backend('ev');
    const [before] = await gatewayContainers(set.gatewayId, ['berth.server=ev']);
    const long = ev
      .callTool('trigger-long-running-operation', { duration: 30, steps: 5 })
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await docker.getContainer(before?.Id as string).kill();
    expect(await long).toMatchObject({ code: 'CLOSED' });
    expect(text(await ev.callTool('echo', { message: 'after crash' }))).toContain('after crash');
    const after = await gatewayContainers(set.gatewayId, ['berth.server=ev']);
    expect(after.map((c) => c.Id)).not.toContain(before?.Id);
  });

  it('a cancelled call is cancelled on the server, and the server keeps serving', async () => {
    const ev = backend('ev');
    const controller = new AbortController();
    const long = ev.callTool(
      'trigger-long-running-operation',
      { duration: 30, steps: 5 },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 300);
    await expect(long).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(
      ev.callTool('trigger-long-running-operation', { duration: 30, steps: 5 }, { timeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(text(await ev.callTool('echo', { message: 'still here' }))).toContain('still here');
  });

  it('at most maxConcurrency calls run; the next waits in the queue until its deadline; progress reaches the caller', async () => {
    const ev = backend('ev');
    const progress: number[] = [];
    const long = { duration: 3, steps: 3 };
    const running = [
      ev.callTool('trigger-long-running-operation', long, { onProgress: (p) => progress.push(p.progress) }),
      ev.callTool('trigger-long-running-operation', long),
    ];
    await expect(ev.callTool('echo', { message: 'queued' })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('in the queue'),
    });
    await Promise.all(running);
    expect(progress.length).toBeGreaterThan(0);
    expect(text(await ev.callTool('echo', { message: 'free again' }))).toContain('free again');
  });

  it('calls in flight run on the one warm server at the same time, over its one connection', async () => {
    const ev = backend('ev');
    const events: string[] = [];
    const call = (n: number) => {
      let reported = false;
      return ev
        .callTool(
          'trigger-long-running-operation',
          { duration: 2, steps: 4 },
          {
            onProgress: () => {
              if (!reported) events.push(`progress ${n}`);
              reported = true;
            },
          },
        )
        .then(() => events.push(`done ${n}`));
    };
    await Promise.all([call(0), call(1)]);
    // Each call heard from the server before either ended: the server had both at once.
    expect(events.slice(0, 2).sort()).toEqual(['progress 0', 'progress 1']);
    const running = (await gatewayContainers(set.gatewayId, ['berth.server=ev'])).filter(
      (c) => c.State === 'running',
    );
    expect(running).toHaveLength(1);
  });

  it('long-lived servers: one container per client session, stopped when idle', async () => {
    const sessions = backend('sessions');
    await Promise.all([
      sessions.callTool('echo', { message: 'a' }, { session: 'A' }),
      sessions.callTool('echo', { message: 'b' }, { session: 'B' }),
    ]);
    await sessions.callTool('echo', { message: 'a again' }, { session: 'A' });
    const running = await gatewayContainers(set.gatewayId, ['berth.server=sessions']);
    expect(running.map((c) => c.Labels[SESSION_LABEL]).sort()).toEqual(['A', 'B']);
    await expect
      .poll(async () => (await gatewayContainers(set.gatewayId, ['berth.server=sessions'])).length, {
        timeout: 20_000,
        interval: 500,
      })
      .toBe(0);
  });

  it('remote servers over Streamable HTTP and legacy SSE, headers from secrets', async () => {
    expect(text(await backend('web').callTool('echo', { text: 'over http' }))).toBe('echo: over http');
    expect(http.authorizations).toContain(`Bearer ${API_TOKEN}`);
    const sse = backend('websse');
    expect((await sse.listTools()).map((t) => t.name)).toEqual(['echo']);
    expect(text(await sse.callTool('echo', { text: 'over sse' }))).toBe('echo: over sse');
  });

  it('a static server is reached over TCP', async () => {
    // The bridge listens a moment after its container starts; a failed start leaves nothing behind.
    await waitUntil('the static server', async () => (await backend('tcp').listTools()).length > 0, {
      timeoutMs: 30_000,
    });
    expect(text(await backend('tcp').callTool('get-sum', { a: 2, b: 3 }))).toContain('5');
  });

  it('a server that prints its secret to stderr and dies: the call fails, the log shows the secret masked', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    await writeFile(
      join(dir, 'leaky.yaml'),
      stringify({
        secretsFile: 'secrets.env',
        servers: {
          leaky: {
            image,
            command: ['/usr/local/bin/node', '-e', 'console.error("token is " + process.env.EV_TOKEN)'],
            secrets: { EV_TOKEN: 'EV_TOKEN' },
            initializeTimeoutMs: 20_000,
          },
        },
      }),
    );
    await using leaky = await createBackendSet({
      catalog: await loadCatalog(join(dir, 'leaky.yaml')),
      pool,
      logger,
      extraLabels: testLabels(),
    });
    await expect(leaky.get('leaky')?.listTools()).rejects.toMatchObject({
      code: expect.stringMatching(/^(CLOSED|UNREACHABLE)$/),
    });
    const log = lines.join('');
    expect(log).toContain('token is ***');
    expect(log).not.toContain(SECRET);
  });

  it('close removes every container this gateway started', async () => {
    await backend('ev').ensureStarted();
    await set.close();
    expect(await gatewayContainers(set.gatewayId)).toEqual([]);
  });
});
