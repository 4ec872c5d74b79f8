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
});
