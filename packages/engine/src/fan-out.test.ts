import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import { fanOut } from './fan-out.js';

/** Connects to a host the way a pool does: some answer, some are unknown, some never answer. */
async function connect(name: string, signal: AbortSignal): Promise<string> {
  if (name === 'unknown')
    throw Object.assign(new Error('no profile "unknown"'), {
      name: 'ClientPoolError',
      code: 'UNKNOWN_PROFILE',
    });
  if (name === 'hangs-connecting') {
    await new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
  }
  return name;
}

describe('fanOut', () => {
  it('returns values and errors side by side in input order, never rejecting', async () => {
    const results = await fanOut(
      ['a', 'unknown', 'fails', 'b', 'ignores-signal', 'hangs-connecting', 'a'],
      async (name, { signal }) => {
        const host = await connect(name, signal);
        if (name === 'fails') throw new EngineError('CONFLICT', 'busy');
        // An operation that never looks at its signal must still be cut off on time.
        if (name === 'ignores-signal') await new Promise(() => {});
        return host.toUpperCase();
      },
      { timeoutMs: 200 },
    );
    expect(results.map((r) => r.name)).toEqual([
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
    const late = results[4];
    expect(late?.ok === false && late.error.message).toMatch(/after 200 ms/);
    for (const r of results) expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it('gives each name its own deadline when asked to', async () => {
    const deadlines: Record<string, number> = { quick: 50, patient: 400 };
    const results = await fanOut(
      ['quick', 'patient'],
      (_name, { signal }) =>
        new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => resolve('done'), 150);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        }),
      { timeoutMs: (name) => deadlines[name] ?? 1 },
    );
    const [quick, patient] = results;
    expect(quick?.ok === false && quick.error.message).toMatch(/timed out after 50 ms/);
    expect(patient?.ok && patient.value).toBe('done');
  });

  it('reports an operation that throws synchronously as that host failing', async () => {
    const [result] = await fanOut(['x'], () => {
      throw new Error('boom');
    });
    expect(result?.ok === false && result.error.code).toBe('ENGINE');
  });

  it('reports CANCELLED for every name when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = fanOut(['x', 'y'], () => new Promise(() => {}), { signal: controller.signal });
    controller.abort();
    const results = await pending;
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['CANCELLED', 'CANCELLED']);
  });

  it('limits concurrency', async () => {
    let running = 0;
    let peak = 0;
    const results = await fanOut(
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
