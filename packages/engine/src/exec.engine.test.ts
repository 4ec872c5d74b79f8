import { engineSuite } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import { type TargetName, useSleepingContainer, useTarget } from './engine-targets.test-support.js';
import { execInContainer } from './exec.js';

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EngineError)) throw new Error(`expected an EngineError, got ${String(error)}`);
  return error;
}

engineSuite(
  'exec on a real engine',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const target = useTarget(targetName);
      const box = useSleepingContainer(target);

      it('returns clean stdout and stderr and the real exit code', async () => {
        const result = await execInContainer(target.docker, box.id, [
          'sh',
          '-c',
          'echo to-out; echo to-err >&2; echo more-out; exit 3',
        ]);
        expect(result.stdout).toBe('to-out\nmore-out\n');
        expect(result.stderr).toBe('to-err\n');
        expect(result.exitCode).toBe(3);
        expect(result.truncated).toBe(false);
        const ok = await execInContainer(target.docker, box.id, ['true']);
        expect(ok.exitCode).toBe(0);
        const missing = await execInContainer(target.docker, box.id, ['ls', '/no/such/path']);
        expect(missing.exitCode).not.toBe(0);
        expect(missing.stderr).toContain('/no/such/path');
      });

      it('runs argv literally: `;`, `$()` and quotes never reach a shell', async () => {
        const canary = `/tmp/canary-${targetName}`;
        const args = [
          `a; touch ${canary}`,
          `$(touch ${canary})`,
          `\`touch ${canary}\``,
          `'quoted' "double"`,
          '&& x',
        ];
        const result = await execInContainer(target.docker, box.id, ['echo', ...args]);
        expect(result.exitCode).toBe(0);
        expect(result.stdout).toBe(`${args.join(' ')}\n`);
        const check = await execInContainer(target.docker, box.id, ['ls', canary]);
        expect(check.exitCode).not.toBe(0);
        expect(check.stdout).toBe('');
      });

      it('passes env, user, workdir and stdin', async () => {
        const env = await execInContainer(target.docker, box.id, ['sh', '-c', 'echo "$A|$B"'], {
          env: { A: 'one two', B: '$(not expanded)' },
        });
        expect(env.stdout).toBe('one two|$(not expanded)\n');
        const user = await execInContainer(target.docker, box.id, ['id', '-u'], { user: 'nobody' });
        expect(user.stdout.trim()).toBe('65534');
        const pwd = await execInContainer(target.docker, box.id, ['pwd'], { workdir: '/var/tmp' });
        expect(pwd.stdout).toBe('/var/tmp\n');
        const input = 'line one\nline two with ; and $(x)\n';
        const cat = await execInContainer(target.docker, box.id, ['cat'], { stdin: input });
        expect(cat).toMatchObject({ stdout: input, stderr: '', exitCode: 0 });
        const wc = await execInContainer(target.docker, box.id, ['wc', '-c'], {
          stdin: Buffer.alloc(100_000, 97),
        });
        expect(wc.stdout.trim()).toBe('100000');
      });

      it('caps output and says so, keeping the exit code', async () => {
        const result = await execInContainer(
          target.docker,
          box.id,
          ['sh', '-c', 'head -c 300000 /dev/zero | tr "\\0" x; echo err >&2; exit 7'],
          { maxOutputBytes: 1000 },
        );
        expect(result.truncated).toBe(true);
        expect(result.stdout).toBe('x'.repeat(1000));
        expect(result.stdoutBytes).toBe(300000);
        expect(result.stderr).toBe('err\n');
        expect(result.exitCode).toBe(7);
      });

      it('times out and cancels instead of hanging', async () => {
        const timedOut = await failure(
          execInContainer(target.docker, box.id, ['sh', '-c', 'echo started; sleep 30'], {
            timeoutMs: 1500,
          }),
        );
        expect(timedOut.code).toBe('TIMEOUT');
        expect(timedOut.message).toContain('timed out');
        const controller = new AbortController();
        const pending = execInContainer(target.docker, box.id, ['sleep', '30'], {
          signal: controller.signal,
        });
        setTimeout(() => controller.abort(), 300);
        expect((await failure(pending)).code).toBe('CANCELLED');
      });

      it('refuses a command line string and reports a missing container', async () => {
        const invalid = await failure(
          execInContainer(target.docker, box.id, 'ls -la' as unknown as string[]),
        );
        expect(invalid.code).toBe('INVALID');
        const missing = await failure(execInContainer(target.docker, 'berth-no-such-container', ['true']));
        expect(missing.code).toBe('NOT_FOUND');
        expect(missing.data).toMatchObject({ resource: 'container', ref: 'berth-no-such-container' });
      });
    });
  },
  { timeout: 300_000 },
);
