import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSuite, type RemoteHost, startRemoteHost, waitUntil } from '@berth/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientPool } from './client-pool.js';
import { ClientPoolError } from './client-pool-error.js';
import { isolatedPool, remoteProfile } from './isolated-pool.test-support.js';

engineSuite(
  'run(): commands on the engine host',
  () => {
    let remote: RemoteHost;
    let pool: ClientPool & AsyncDisposable;
    let localDir: string;

    beforeAll(async () => {
      remote = await startRemoteHost();
      pool = isolatedPool({ far: remoteProfile(remote), local: { type: 'local' } });
      localDir = mkdtempSync(join(tmpdir(), 'berth-run-'));
    });
    afterAll(async () => {
      await pool?.[Symbol.asyncDispose]();
      await remote?.[Symbol.asyncDispose]();
      if (localDir) rmSync(localDir, { recursive: true, force: true });
    });

    /** Whether `path` exists where the profile's commands run. */
    async function exists(profile: string, path: string): Promise<boolean> {
      if (profile === 'local') return existsSync(path);
      return (await remote.container.exec(['test', '-e', path])).exitCode === 0;
    }

    describe.each(['far', 'local'])('profile %s', (profile) => {
      it('passes shell metacharacters literally; the canary is never created', async () => {
        const canary = join(profile === 'local' ? localDir : '/tmp', `canary-${profile}`);
        const hostile = [
          `; touch ${canary}`,
          `$(touch ${canary})`,
          `\`touch ${canary}\``,
          `' ; touch ${canary} ; '`,
          `" && touch ${canary} "`,
          `| touch ${canary}`,
          `\n touch ${canary}`,
          '$HOME *',
          '-n',
        ];
        const result = await pool.run(profile, ['printf', '%s\\0', ...hostile]);
        expect(result.exitCode).toBe(0);
        expect(result.stdout.split('\0').slice(0, -1)).toEqual(hostile);
        expect(await exists(profile, canary)).toBe(false);
      });

      it('reports the exit code and keeps stdout and stderr apart', async () => {
        const result = await pool.run(profile, ['sh', '-c', 'echo out; echo err >&2; exit 3']);
        expect(result).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', truncated: false });
      });

      it('feeds input to stdin', async () => {
        const result = await pool.run(profile, ['cat'], { input: 'line one\nline two\n' });
        expect(result).toMatchObject({ exitCode: 0, stdout: 'line one\nline two\n' });
      });

      it('caps output and says it truncated', async () => {
        const result = await pool.run(profile, ['seq', '1', '200000'], { maxOutputBytes: 1000 });
        expect(result.exitCode).toBe(0);
        expect(result.truncated).toBe(true);
        expect(Buffer.byteLength(result.stdout)).toBe(1000);
        expect(result.stdout.startsWith('1\n2\n3\n')).toBe(true);
      });

      it('kills a command that outlives its timeout', async () => {
        const started = Date.now();
        const error = await pool.run(profile, ['sleep', '37'], { timeoutMs: 700 }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClientPoolError);
        expect(error).toMatchObject({ code: 'TIMEOUT', data: { profile, timeoutMs: 700 } });
        expect(Date.now() - started).toBeLessThan(700 * 3);
        if (profile === 'far') {
          // The remote process got SIGKILL; it does not linger.
          await waitUntil(
            'remote sleep killed',
            async () => (await remote.container.exec(['pgrep', '-f', 'sleep 37'])).exitCode === 1,
            { timeoutMs: 5_000, intervalMs: 100 },
          );
        }
      });

      it('stops a command when the caller aborts', async () => {
        const controller = new AbortController();
        const running = pool.run(profile, ['sleep', '38'], { signal: controller.signal, timeoutMs: 60_000 });
        setTimeout(() => controller.abort(), 300);
        await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
        await expect(pool.run(profile, ['true'], { signal: AbortSignal.abort() })).rejects.toMatchObject({
          code: 'CANCELLED',
        });
      });
    });

    it('runs local commands with an allowlisted env that points DOCKER_HOST at the profile', async () => {
      await using isolated = isolatedPool(
        { local: { type: 'local', socketPath: '/var/run/docker.sock' } },
        { env: { PATH: process.env.PATH ?? '', SECRET_TOKEN: 'leak-me', DOCKER_HOST: 'tcp://127.0.0.1:1' } },
      );
      const result = await isolated.run('local', ['env']);
      expect(result.stdout).toContain('DOCKER_HOST=unix:///var/run/docker.sock');
      expect(result.stdout).not.toContain('leak-me');
      expect(result.stdout).not.toContain('tcp://127.0.0.1:1');
    });

    it('runs remote commands as the profile user', async () => {
      expect(await pool.run('far', ['id', '-un'])).toMatchObject({ exitCode: 0, stdout: 'root\n' });
      expect(await pool.run('far', ['docker', 'info', '--format', '{{.ID}}'])).toMatchObject({ exitCode: 0 });
    });
  },
  { timeout: 180_000 },
);
