import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { dockerClient, engineSuite } from '@berth/testkit';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { isolatedPool } from './isolated-pool.test-support.js';

/** A loopback TCP port that forwards to the local engine socket: a plain-TCP engine for tcp profiles. */
async function tcpProxy(): Promise<Server & AsyncDisposable & { port: number }> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const engine = createConnection('/var/run/docker.sock');
    open.add(client).add(engine);
    client.pipe(engine).pipe(client);
    client.on('error', () => engine.destroy());
    engine.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return Object.assign(server, {
    port,
    async [Symbol.asyncDispose]() {
      for (const socket of open) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  });
}

engineSuite('local and tcp profiles', () => {
  it('a local profile answers from the local engine, with the profile flags', async () => {
    await using pool = isolatedPool({ local: { type: 'local', readOnly: true, timeoutMs: 4_000 } });
    const client = await pool.acquire('local');
    expect(client).toMatchObject({ profile: 'local', transport: 'local', readOnly: true, timeoutMs: 4_000 });
    expect((await client.docker.info()).ID).toBe((await dockerClient().info()).ID);
    expect(await pool.acquire('local')).toBe(client);
    const health = await pool.health('local');
    expect(health.ok).toBe(true);
    expect(health.latencyMs).toBeGreaterThan(0);
  });

  it('a local profile follows DOCKER_HOST (unix://) of the injected env, and socketPath over it', async () => {
    await using pool = isolatedPool(
      {
        fromEnv: { type: 'local' },
        explicit: { type: 'local', socketPath: '/var/run/docker.sock' },
      },
      { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } },
    );
    const fromEnv = await pool.health('fromEnv', { timeoutMs: 5_000 });
    expect(fromEnv).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    expect(fromEnv.error?.message).toContain('/nonexistent/docker.sock');
    expect((await pool.health('explicit')).ok).toBe(true);
  });

  it('ignores a tcp:// DOCKER_HOST in the process env (docker-modem defaults are overridden)', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    try {
      await using pool = isolatedPool({ local: { type: 'local', socketPath: '/var/run/docker.sock' } });
      expect((await pool.health('local')).ok).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  it('a tcp profile reaches its engine over TCP and warns that it is plain', async () => {
    await using proxy = await tcpProxy();
    const lines: string[] = [];
    await using pool = isolatedPool(
      { plain: { type: 'tcp', host: '127.0.0.1', port: proxy.port } },
      { logger: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }) },
    );
    const client = await pool.acquire('plain');
    expect(client.transport).toBe('tcp');
    expect((await client.docker.info()).ID).toBe((await dockerClient().info()).ID);
    expect(lines.some((line) => line.includes('plain TCP'))).toBe(true);
    await expect(pool.run('plain', ['true'])).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });

  it('a call through a dead tcp profile fails with UNREACHABLE while local answers', async () => {
    await using pool = isolatedPool({
      local: { type: 'local' },
      dead: { type: 'tcp', host: '127.0.0.1', port: 1 },
    });
    const [dead, local] = await Promise.all([pool.health('dead'), pool.health('local')]);
    expect(dead).toMatchObject({ ok: false, error: { code: 'UNREACHABLE' } });
    expect(local.ok).toBe(true);
  });

  it('closes an idle local client and builds a new one on the next acquire', async () => {
    await using pool = isolatedPool({ local: { type: 'local' } }, { idleTimeoutMs: 100 });
    const first = await pool.acquire('local');
    await first.docker.ping();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const second = await pool.acquire('local');
    expect(second).not.toBe(first);
    expect(String(await second.docker.ping())).toBe('OK');
  });
});
