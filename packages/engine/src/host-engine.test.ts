import type { RunOptions } from '@berth/client-pool';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import type { EngineLease } from './engine-lease.js';
import { bindEngine } from './host-engine.js';
import { openHostEngine } from './open-host-engine.js';
import { silentEngine } from './silent-engine.test-support.js';

async function failure(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EngineError)) throw new Error(`expected an EngineError, got ${String(error)}`);
  return error;
}

/** A lease whose run records what it was given and answers at once. */
function recordingLease(timeoutMs: number) {
  const runs: Array<{ argv: string[]; options: RunOptions | undefined }> = [];
  const lease: EngineLease = {
    profile: 'rec',
    docker: new Docker({ socketPath: '/nonexistent/docker.sock' }),
    timeoutMs,
    async run(argv, options) {
      runs.push({ argv, options });
      return { exitCode: 0, stdout: 'ok\n', stderr: '', truncated: false };
    },
  };
  return { lease, runs };
}

describe('HostEngine without an engine', () => {
  it("times an ordinary call out at the profile's timeout, and says so", async () => {
    await using silent = await silentEngine(150);
    const engine = bindEngine(silent, { signal: new AbortController().signal });
    expect(engine).toMatchObject({ profile: 'silent', timeoutMs: 150 });
    const error = await failure(engine.containers.list());
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/list containers timed out after 150 ms/);
    expect((await failure(engine.system.ping({ timeoutMs: 50 }))).message).toMatch(/after 50 ms/);
  });

  it("cancels in-flight calls when the bound signal or the call's own signal aborts", async () => {
    await using silent = await silentEngine(60_000);
    const caller = new AbortController();
    const engine = bindEngine(silent, { signal: caller.signal });
    const pending = failure(engine.containers.inspect('web'));
    const own = new AbortController();
    const alsoPending = failure(engine.images.list({ signal: own.signal }));
    own.abort();
    expect((await alsoPending).code).toBe('CANCELLED');
    caller.abort();
    expect((await pending).code).toBe('CANCELLED');
    expect((await failure(engine.volumes.list())).code).toBe('CANCELLED');
  });

  it('runs host commands through the lease with the long deadline unless one is given', async () => {
    const { lease, runs } = recordingLease(2000);
    const engine = bindEngine(lease, { signal: new AbortController().signal });
    expect(await engine.run(['docker', 'version'])).toMatchObject({ exitCode: 0, stdout: 'ok\n' });
    await engine.run(['true'], { timeoutMs: 100, input: 'x' });
    expect(runs.map((r) => [r.argv, r.options?.timeoutMs, r.options?.input])).toEqual([
      [['docker', 'version'], 60_000, undefined],
      [['true'], 100, 'x'],
    ]);
    expect(runs.every((r) => r.options?.signal instanceof AbortSignal)).toBe(true);
    expect((await failure(engine.run([]))).code).toBe('INVALID');
    expect((await failure(engine.run(['--rm']))).code).toBe('INVALID');
  });

  it('ends a host command that ignores its signal on time', async () => {
    await using silent = await silentEngine(60_000);
    const engine = bindEngine(silent, { signal: new AbortController().signal });
    const error = await failure(engine.run(['sleep', '60'], { timeoutMs: 50 }));
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toMatch(/run "sleep" on profile silent timed out after 50 ms/);
  });

  it("maps the lease's run failures to EngineError", async () => {
    const { lease } = recordingLease(2000);
    lease.run = async () => {
      throw Object.assign(new Error('tcp profiles cannot run commands'), {
        name: 'ClientPoolError',
        code: 'UNSUPPORTED',
      });
    };
    const engine = bindEngine(lease, { signal: new AbortController().signal });
    const error = await failure(engine.run(['docker', 'ps']));
    expect(error.code).toBe('INVALID');
    expect(error.message).toMatch(/run "docker" on profile rec: tcp profiles cannot/);
  });

  it('binds with a timeout of its own, and refuses a nonsense one', () => {
    const { lease } = recordingLease(2000);
    expect(bindEngine(lease, { signal: new AbortController().signal, timeoutMs: 10 }).timeoutMs).toBe(10);
    expect(() => bindEngine(lease, { signal: new AbortController().signal, timeoutMs: 0 })).toThrow(
      EngineError,
    );
  });
});

describe('openHostEngine', () => {
  it('acquires from the pool and binds; pool failures become EngineError', async () => {
    const { lease } = recordingLease(1234);
    const pool = {
      async acquire(profile: string) {
        if (profile === 'rec') return lease;
        throw Object.assign(new Error(`no profile "${profile}"`), {
          name: 'ClientPoolError',
          code: 'UNKNOWN_PROFILE',
        });
      },
    };
    const signal = new AbortController().signal;
    expect((await openHostEngine(pool, 'rec', { signal })).timeoutMs).toBe(1234);
    const error = await failure(openHostEngine(pool, 'nope', { signal }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.data).toMatchObject({ resource: 'profile', ref: 'nope' });
  });

  it('bounds a connection that never completes', async () => {
    const pool = { acquire: () => new Promise<EngineLease>(() => {}) };
    const error = await failure(
      openHostEngine(pool, 'slow', { signal: new AbortController().signal, timeoutMs: 50 }),
    );
    expect(error.code).toBe('TIMEOUT');
  });
});
