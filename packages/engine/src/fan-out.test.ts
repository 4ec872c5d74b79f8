import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import { type FanOutPool, fanOut } from './fan-out.js';

const fakeDocker = (name: string) => ({ name }) as unknown as Docker;

/** A pool whose profiles answer, fail to connect, or never answer. */
const pool: FanOutPool = {
  async acquire(profile, { signal }) {
    if (profile === 'unknown')
      throw Object.assign(new Error('no profile "unknown"'), {
        name: 'ClientPoolError',
        code: 'UNKNOWN_PROFILE',
      });
    if (profile === 'hangs-connecting') {
      await new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
    }
    return { docker: fakeDocker(profile) };
  },
};

describe('fanOut', () => {
  it('returns values and errors side by side in profile order, never rejecting', async () => {
    const results = await fanOut(
      pool,
      ['a', 'unknown', 'fails', 'b', 'ignores-signal', 'hangs-connecting', 'a'],
      async (docker, { profile }) => {
        if (profile === 'fails') throw new EngineError('CONFLICT', 'busy');
        // An operation that never looks at its signal must still be cut off on time.
        if (profile === 'ignores-signal') await new Promise(() => {});
        return (docker as unknown as { name: string }).name.toUpperCase();
      },
      { timeoutMs: 200 },
    );
    expect(results.map((r) => r.profile)).toEqual([
      'a',
      'unknown',
      'fails',
      'b',
      'ignores-signal',
      'hangs-connecting',
    ]);
    expect(results.map((r) => (r.ok ? r.value : r.error.code))).toEqual([
      'A',
      'NOT_FOUND',
      'CONFLICT',
      'B',
      'TIMEOUT',
      'TIMEOUT',
    ]);
    for (const r of results) expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it('reports CANCELLED for every profile when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = fanOut(pool, ['x', 'y'], () => new Promise(() => {}), { signal: controller.signal });
    controller.abort();
    const results = await pending;
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('limits concurrency', async () => {
    let running = 0;
    let peak = 0;
    const results = await fanOut(
      pool,
      ['p1', 'p2', 'p3', 'p4', 'p5'],
      async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return true;
      },
      { concurrency: 2 },
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(peak).toBe(2);
  });
});
