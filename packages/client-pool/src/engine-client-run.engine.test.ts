import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSuite, type RemoteHost, startRemoteHost, waitUntil } from '@berth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientPool } from './client-pool.js';
import { ClientPoolError } from './client-pool-error.js';
import { isolatedPool, remoteProfile } from './isolated-pool.test-support.js';

const PROFILE_TIMEOUT_MS = 900;

engineSuite(
  'EngineClient.run(): commands through the lease',
  () => {
    let remote: RemoteHost;
    let pool: ClientPool & AsyncDisposable;
    let localDir: string;

    beforeAll(async () => {
      remote = await startRemoteHost();
      pool = isolatedPool({
        far: remoteProfile(remote),
        local: { type: 'local' },
        farShort: remoteProfile(remote, { timeoutMs: PROFILE_TIMEOUT_MS }),
        localShort: { type: 'local', timeoutMs: PROFILE_TIMEOUT_MS },
      });
      localDir = mkdtempSync(join(tmpdir(), 'berth-lease-run-'));
    });
    afterAll(async () => {
      await pool?.[Symbol.asyncDispose]();
      await remote?.[Symbol.asyncDispose]();
      if (localDir) rmSync(localDir, { recursive: true, force: true });
    });

    /** Starts a shell that writes its PID to `pidFile`, then becomes `sleep`. */
    function sleeper(pidFile: string, seconds: number): string[] {
      return ['sh', '-c', 'echo $$ > "$1"; exec sleep "$2"', 'sleeper', pidFile, String(seconds)];
    }

    /** Waits until the process written to `pidFile` is gone from the host the profile runs on. */
    async function waitGone(far: boolean, pidFile: string): Promise<void> {
      const pid = far
        ? (await remote.container.exec(['cat', pidFile])).stdout.trim()
        : readFileSync(pidFile, 'utf8').trim();
      expect(pid).toMatch(/^\d+$/);
      await waitUntil(
        `process ${pid} killed`,
        async () => {
          if (far) return (await remote.container.exec(['kill', '-0', pid])).exitCode !== 0;
          try {
            process.kill(Number(pid), 0);
            return false;
          } catch {
            return true;
          }
        },
        { timeoutMs: 5_000, intervalMs: 100 },
      );
    }

    describe.each([
      { profile: 'far', short: 'farShort' },
      { profile: 'local', short: 'localShort' },
    ])('profile $profile', ({ profile, short }) => {
      const far = profile === 'far';
      const pidFile = (name: string) => join(far ? '/tmp' : localDir, `${name}-${profile}.pid`);

      it('runs argv literally on the host of its own engine', async () => {
        const client = await pool.acquire(profile);
        const hostile = ['$(touch /tmp/x)', '; id', '\' " \\', '-n'];
        const result = await client.run(['printf', '%s\\0', ...hostile]);
        expect(result.exitCode).toBe(0);
        expect(result.stdout.split('\0').slice(0, -1)).toEqual(hostile);
        const id = await client.run(['docker', 'info', '--format', '{{.ID}}']);
        expect(id).toMatchObject({ exitCode: 0 });
        expect(id.stdout.trim()).toBe((await client.docker.info()).ID);
      });

      it('is the same code path as pool.run', async () => {
        const client = await pool.acquire(profile);
        const argv = ['sh', '-c', 'cat; echo err >&2; exit 4'];
        const options = { input: 'in\n', maxOutputBytes: 2 };
        const expected = { exitCode: 4, stdout: 'in', stderr: 'er', truncated: true };
        expect(await client.run(argv, options)).toEqual(expected);
        expect(await pool.run(profile, argv, options)).toEqual(expected);
      });

      it("defaults its deadline to the profile's timeoutMs and kills the command", async () => {
        const client = await pool.acquire(short);
        const started = Date.now();
        const error = await client.run(sleeper(pidFile('timeout'), 43)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClientPoolError);
        expect(error).toMatchObject({
          code: 'TIMEOUT',
          data: { profile: short, timeoutMs: PROFILE_TIMEOUT_MS },
        });
        expect(Date.now() - started).toBeLessThan(PROFILE_TIMEOUT_MS * 3);
        await waitGone(far, pidFile('timeout'));
        // An explicit timeoutMs still wins over the profile's.
        expect(await client.run(['sleep', '1.2'], { timeoutMs: 10_000 })).toMatchObject({ exitCode: 0 });
      });

      it("honours the caller's signal: abort kills the command", async () => {
        const client = await pool.acquire(profile);
        const controller = new AbortController();
        const running = client.run(sleeper(pidFile('abort'), 44), { signal: controller.signal });
        setTimeout(() => controller.abort(), 500);
        await expect(running).rejects.toMatchObject({ code: 'CANCELLED', data: { profile } });
        await waitGone(far, pidFile('abort'));
        await expect(client.run(['true'], { signal: AbortSignal.abort() })).rejects.toMatchObject({
          code: 'CANCELLED',
        });
      });
    });

    it('runs over the SSH connection the Docker client uses', async () => {
      const client = await pool.acquire('far');
      const connection = async () => (await client.run(['sh', '-c', 'echo "$SSH_CONNECTION"'])).stdout;
      const before = await connection();
      expect(before).toMatch(/^\S+ \d+ \S+ \d+\n$/);
      await client.docker.ping();
      expect(await connection()).toBe(before);
      expect((await pool.run('far', ['sh', '-c', 'echo "$SSH_CONNECTION"'])).stdout).toBe(before);
    });

    it('fails with CLOSED once its client was evicted', async () => {
      await using own = isolatedPool({ far: remoteProfile(remote) });
      const client = await own.acquire('far');
      expect(await client.run(['true'])).toMatchObject({ exitCode: 0 });
      await own.evict('far');
      await expect(client.run(['true'])).rejects.toMatchObject({ code: 'CLOSED' });
    });
  },
  { timeout: 180_000 },
);
