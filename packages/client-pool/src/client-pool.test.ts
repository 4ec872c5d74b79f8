import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientPoolError } from './client-pool-error.js';
import { configOf, isolatedPool } from './isolated-pool.test-support.js';
import { OutputBuffer } from './output-buffer.js';

async function listen(
  onConnection: (socket: import('node:net').Socket) => void,
): Promise<Server & { port: number }> {
  const server = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return Object.assign(server, { port: typeof address === 'object' && address ? address.port : 0 });
}

function ssh(port: number, extra: Record<string, unknown> = {}) {
  return {
    type: 'ssh',
    host: '127.0.0.1',
    port,
    user: 'nobody',
    identityFile: '/dev/null',
    ...extra,
  } as never;
}

describe('client pool without an engine', () => {
  let silent: Server & { port: number };
  let closedPort: number;
  const sockets = new Set<import('node:net').Socket>();

  beforeAll(async () => {
    // Accepts TCP and never says a word: an SSH server that hangs before the banner.
    silent = await listen((socket) => sockets.add(socket));
    const closed = await listen(() => {});
    closedPort = closed.port;
    await new Promise((resolve) => closed.close(resolve));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('lists profiles and refuses unknown and disabled ones with their codes', async () => {
    await using pool = isolatedPool({ local: { type: 'local' }, off: { type: 'local', enabled: false } });
    expect(pool.profiles()).toEqual(['local', 'off']);
    await expect(pool.acquire('nope')).rejects.toMatchObject({
      code: 'UNKNOWN_PROFILE',
      data: { known: ['local', 'off'] },
    });
    await expect(pool.acquire('off')).rejects.toMatchObject({ code: 'DISABLED' });
    await expect(pool.run('off', ['true'])).rejects.toMatchObject({ code: 'DISABLED' });
    await expect(pool.acquire('__proto__')).rejects.toMatchObject({ code: 'UNKNOWN_PROFILE' });
    expect(await pool.health('nope')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_PROFILE' } });
  });

  it('reconcile evicts exactly the changed and removed profiles', async () => {
    await using pool = isolatedPool({
      same: { type: 'local', tags: ['a', 'b'] },
      changed: { type: 'local' },
      removed: { type: 'tcp', host: '127.0.0.1', port: 1 },
      neverUsed: { type: 'local' },
    });
    const same = await pool.acquire('same');
    await pool.acquire('changed');
    await pool.acquire('removed');
    const evicted = await pool.reconcile(
      configOf({
        same: { tags: ['a', 'b'], type: 'local' },
        changed: { type: 'local', readOnly: true },
        neverUsed: { type: 'local', readOnly: true },
      }),
    );
    expect(evicted.sort()).toEqual(['changed', 'removed']);
    expect(await pool.acquire('same')).toBe(same);
    expect((await pool.acquire('changed')).readOnly).toBe(true);
    expect(pool.profiles()).toEqual(['same', 'changed', 'neverUsed']);
    await expect(pool.acquire('removed')).rejects.toMatchObject({ code: 'UNKNOWN_PROFILE' });
  });

  it('refuses commands on tcp profiles and calls after dispose', async () => {
    const pool = isolatedPool({ t: { type: 'tcp', host: '127.0.0.1', port: 1 }, l: { type: 'local' } });
    await expect(pool.run('t', ['true'])).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await expect(pool.run('l', [])).rejects.toMatchObject({ code: 'CONFIG' });
    await pool[Symbol.asyncDispose]();
    await expect(pool.acquire('l')).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('reports CONFIG for unreadable TLS files and missing SSH credentials', async () => {
    await using pool = isolatedPool({
      tls: { type: 'tcp', host: '127.0.0.1', tls: { ca: '/nonexistent/ca.pem' } },
      noKey: ssh(closedPort, { identityFile: '/nonexistent/id' }),
      noCreds: ssh(closedPort, { identityFile: undefined }),
      noAgent: ssh(closedPort, { identityFile: undefined, agent: true }),
    });
    await expect(pool.acquire('tls')).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('/nonexistent/ca.pem'),
    });
    await expect(pool.acquire('noKey')).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('/nonexistent/id'),
    });
    await expect(pool.acquire('noCreds')).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('no SSH credentials'),
    });
    await expect(pool.acquire('noAgent')).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('SSH_AUTH_SOCK'),
    });
  });

  it('reports UNREACHABLE for a closed SSH port', async () => {
    await using pool = isolatedPool({
      gone: ssh(closedPort, { identityFile: undefined, agent: '/nonexistent/agent.sock' }),
    });
    const error = await pool.acquire('gone').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientPoolError);
    expect(error).toMatchObject({ code: 'UNREACHABLE', data: { profile: 'gone', port: closedPort } });
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('times out a handshake that never starts, within the connect timeout', async () => {
    await using pool = isolatedPool({
      hung: ssh(silent.port, {
        identityFile: undefined,
        agent: '/nonexistent/agent.sock',
        connectTimeoutMs: 500,
      }),
    });
    const started = Date.now();
    await expect(pool.acquire('hung')).rejects.toMatchObject({ code: 'TIMEOUT', data: { timeoutMs: 500 } });
    expect(Date.now() - started).toBeLessThan(500 * 3);
    expect(await pool.health('hung', { timeoutMs: 300 })).toMatchObject({
      ok: false,
      error: { code: 'TIMEOUT' },
    });
  });

  it('honours an AbortSignal while connecting', async () => {
    await using pool = isolatedPool({
      hung: ssh(silent.port, {
        identityFile: undefined,
        agent: '/nonexistent/agent.sock',
        connectTimeoutMs: 30_000,
      }),
    });
    const controller = new AbortController();
    const pending = pool.acquire('hung', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(pool.acquire('hung', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('loads ssh2 only through a dynamic import', () => {
    const sources = readdirSync(import.meta.dirname).filter(
      (f) => f.endsWith('.ts') && !f.includes('.test.'),
    );
    for (const file of sources) {
      const text = readFileSync(join(import.meta.dirname, file), 'utf8');
      expect(text, file).not.toMatch(/^import (?!type )[^;]*from 'ssh2'/m);
    }
    expect(readFileSync(join(import.meta.dirname, 'ssh-connection.ts'), 'utf8')).toContain(
      "await import('ssh2')",
    );
  });
});

describe('helpers', () => {
  it('OutputBuffer keeps the first bytes and flags the rest', () => {
    const buffer = new OutputBuffer(5);
    buffer.push(Buffer.from('abc'));
    buffer.push(Buffer.from('defg'));
    buffer.push(Buffer.from('h'));
    expect(buffer.text()).toBe('abcde');
    expect(buffer.truncated).toBe(true);
    const exact = new OutputBuffer(3);
    exact.push(Buffer.from('abc'));
    expect(exact.truncated).toBe(false);
  });
});
