import { engineSuite, type RemoteHost, startRemoteHost } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ClientPoolError } from './client-pool-error.js';
import { isolatedPool, remoteProfile } from './isolated-pool.test-support.js';

const TIMEOUT = 1_500;

engineSuite(
  'an unreachable remote host',
  () => {
    let remote: RemoteHost;
    beforeAll(async () => {
      remote = await startRemoteHost();
    });
    afterAll(async () => {
      await remote?.container.container.unpause().catch(() => {});
      await remote?.[Symbol.asyncDispose]();
    });

    async function paused<T>(fn: () => Promise<T>): Promise<T> {
      await remote.container.container.pause();
      try {
        return await fn();
      } finally {
        await remote.container.container.unpause();
      }
    }

    function pool() {
      return isolatedPool({
        local: { type: 'local' },
        far: remoteProfile(remote, { connectTimeoutMs: TIMEOUT, timeoutMs: TIMEOUT }),
      });
    }

    it('fails a first connect to a paused host within the timeout while local still answers', async () => {
      await using clients = pool();
      const started = Date.now();
      const [far, local] = await paused(() =>
        Promise.all([
          clients.acquire('far').then(
            () => undefined,
            (e: unknown) => e,
          ),
          clients.health('local'),
        ]),
      );
      expect(far).toBeInstanceOf(ClientPoolError);
      expect(far).toMatchObject({ code: 'TIMEOUT', data: { profile: 'far', timeoutMs: TIMEOUT } });
      expect(Date.now() - started).toBeLessThan(TIMEOUT * 3);
      expect(local.ok).toBe(true);
    });

    it('fails calls on an established connection within the timeout, and recovers after', async () => {
      await using clients = pool();
      expect((await clients.health('far')).ok).toBe(true);
      const started = Date.now();
      const [health, run, local] = await paused(() =>
        Promise.all([
          clients.health('far'),
          clients.run('far', ['true']).then(
            () => undefined,
            (e: unknown) => e,
          ),
          clients.health('local'),
        ]),
      );
      expect(health).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
      expect(health.latencyMs).toBeLessThan(TIMEOUT * 3);
      expect(run).toMatchObject({ code: 'TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(TIMEOUT * 3);
      expect(local.ok).toBe(true);
      // Unpaused: the same pool answers again.
      expect(await clients.health('far', { timeoutMs: 10_000 })).toMatchObject({ ok: true });
    });

    it('fails fast with UNREACHABLE when the host is stopped', async () => {
      await using clients = pool();
      expect((await clients.health('far')).ok).toBe(true);
      await remote.container.container.stop({ t: 0 });
      try {
        const health = await clients.health('far');
        expect(health).toMatchObject({ ok: false });
        expect(['UNREACHABLE', 'TIMEOUT']).toContain(health.error?.code);
        await clients.evict('far');
        await expect(clients.acquire('far')).rejects.toMatchObject({ code: 'UNREACHABLE' });
        expect((await clients.health('local')).ok).toBe(true);
      } finally {
        await remote.container.container.start();
      }
    });
  },
  { timeout: 180_000 },
);
