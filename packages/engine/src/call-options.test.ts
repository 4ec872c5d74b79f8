import { getEventListeners } from 'node:events';
import type Docker from 'dockerode';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline } from './call-options.js';
import { EngineError } from './engine-error.js';
import { engineRequest } from './engine-request.js';

describe('Deadline of an engine call', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses timeoutMs %s with INVALID', (timeoutMs) => {
    const make = () => new Deadline({ timeoutMs }, 30_000, 'list containers');
    expect(make).toThrow(EngineError);
    expect(make).toThrow('list containers: timeoutMs must be a positive number of milliseconds');
  });

  it('takes the default when the caller gives no timeoutMs', () => {
    expect(new Deadline({}, 1234, 'ping').timeoutMs).toBe(1234);
  });

  it('says TIMEOUT after its own limit', () => {
    const deadline = new Deadline({ timeoutMs: 150 }, 30_000, 'list containers');
    expect(deadline.reason()).toBeUndefined();
    vi.advanceTimersByTime(150);
    expect(deadline.reason({ ref: 'web' })).toMatchObject({
      code: 'TIMEOUT',
      message: 'list containers timed out after 150 ms',
      data: { ref: 'web', timeoutMs: 150 },
    });
  });

  it("says TIMEOUT without its own limit when a caller's deadline passed first", () => {
    const caller = new AbortController();
    const deadline = new Deadline({ signal: caller.signal, timeoutMs: 60_000 }, 30_000, 'list containers');
    caller.abort(new DOMException('the operation timed out', 'TimeoutError'));
    expect(deadline.reason()).toMatchObject({ code: 'TIMEOUT', message: 'list containers timed out' });
  });

  it('says CANCELLED, with the caller reason as cause, when the caller aborts', () => {
    const caller = new AbortController();
    const deadline = new Deadline({ signal: caller.signal }, 30_000, 'list containers');
    const why = new Error('client went away');
    caller.abort(why);
    const error = deadline.reason();
    expect(error).toMatchObject({ code: 'CANCELLED', message: 'list containers was cancelled', cause: why });
    expect(() => deadline.throwIfAborted()).toThrow('list containers was cancelled');
  });

  it('races work that ignores its signal', async () => {
    const deadline = new Deadline({ timeoutMs: 50 }, 30_000, 'ping');
    const racing = deadline.race(new Promise<never>(() => {}), { ref: 'x' });
    vi.advanceTimersByTime(50);
    await expect(racing).rejects.toMatchObject({ code: 'TIMEOUT', data: { ref: 'x', timeoutMs: 50 } });
    const fresh = new Deadline({ timeoutMs: 50 }, 30_000, 'ping');
    await expect(fresh.race(Promise.resolve('pong'))).resolves.toBe('pong');
    fresh.dispose();
  });
});

describe('engineRequest', () => {
  it("lets go of the caller's signal once the call is over", async () => {
    const docker = {
      modem: {
        dial: (_options: unknown, callback: (e: unknown, r: unknown) => void) => callback(null, 'OK'),
      },
    } as unknown as Docker;
    const caller = new AbortController();
    const answer = await engineRequest(
      docker,
      { method: 'GET', path: '/_ping', what: 'ping' },
      { signal: caller.signal },
    );
    expect(answer).toBe('OK');
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  describe('a request the engine refuses while it runs another', () => {
    const refusal = Object.assign(
      new Error('(HTTP code 409) unexpected - a prune operation is already running '),
      {
        statusCode: 409,
        json: { message: 'a prune operation is already running' },
      },
    );
    /** An engine that refuses the first `busyFor` requests, then answers. */
    function busyEngine(busyFor: number): { docker: Docker; sent: () => number } {
      let sent = 0;
      const dial = (_options: unknown, callback: (e: unknown, r: unknown) => void) => {
        sent++;
        callback(sent <= busyFor ? refusal : null, { VolumesDeleted: [] });
      };
      return { docker: { modem: { dial } } as unknown as Docker, sent: () => sent };
    }
    const spec = {
      method: 'POST' as const,
      path: '/volumes/prune',
      what: 'prune volumes',
      refusedWhileBusy: /a prune operation is already running/,
    };

    it('is sent again until the engine takes it', async () => {
      const engine = busyEngine(3);
      await expect(engineRequest(engine.docker, spec, { timeoutMs: 5_000 })).resolves.toEqual({
        VolumesDeleted: [],
      });
      expect(engine.sent()).toBe(4);
    });

    it('fails with the refusal, not a timeout, when the engine stays busy to the deadline', async () => {
      const engine = busyEngine(Number.POSITIVE_INFINITY);
      const started = Date.now();
      const failure = await engineRequest(engine.docker, spec, { timeoutMs: 600 }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(EngineError);
      expect(failure).toMatchObject({
        code: 'CONFLICT',
        message: 'prune volumes: a prune operation is already running',
      });
      expect(Date.now() - started).toBeLessThan(600);
      expect(engine.sent()).toBeGreaterThanOrEqual(2);
    });

    it('stops waiting when the caller cancels', async () => {
      const engine = busyEngine(Number.POSITIVE_INFINITY);
      const caller = new AbortController();
      const call = engineRequest(engine.docker, spec, { signal: caller.signal, timeoutMs: 60_000 });
      setTimeout(() => caller.abort(), 50);
      await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(engine.sent()).toBe(1);
    });

    it('is not sent again without the flag, nor for another error', async () => {
      const engine = busyEngine(1);
      await expect(
        engineRequest(engine.docker, { ...spec, refusedWhileBusy: undefined }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      const other = busyEngine(1);
      await expect(
        engineRequest(other.docker, {
          ...spec,
          refusedWhileBusy: /a disk usage operation is already running/,
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect([engine.sent(), other.sent()]).toEqual([1, 1]);
    });
  });
});
