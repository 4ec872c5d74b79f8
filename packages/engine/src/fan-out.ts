import { DEFAULT_TIMEOUT_MS, Deadline } from './call-options.js';
import type { EngineError } from './engine-error.js';
import { toEngineError } from './to-engine-error.js';

export type FanOutResult<T> =
  | { name: string; ok: true; value: T; ms: number }
  | { name: string; ok: false; error: EngineError; ms: number };

export interface FanOutOptions {
  /** Deadline per name, everything the operation does included (default 30 s). */
  timeoutMs?: number | ((name: string) => number);
  /** Aborts every name still running. */
  signal?: AbortSignal;
  /** Names worked on at once (default 8). */
  concurrency?: number;
}

/** The work for one name (a profile, usually); `signal` carries that name's own deadline. */
export type FanOutOperation<T> = (name: string, context: { signal: AbortSignal }) => Promise<T>;

/**
 * Runs one operation for many names (hosts) at once: the one fan-out of every multi-host
 * read. Each name gets its own deadline and answers for itself: the result lists values
 * and errors side by side in the order the names were given (duplicates run once), and
 * the promise never rejects because one host failed. An operation that ignores its
 * signal is still reported as TIMEOUT on time.
 */
export async function fanOut<T>(
  names: readonly string[],
  operation: FanOutOperation<T>,
  options: FanOutOptions = {},
): Promise<Array<FanOutResult<T>>> {
  const unique = [...new Set(names)];
  const results: Array<FanOutResult<T>> = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < unique.length; i = next++) {
      results[i] = await runOne(unique[i] as string, operation, options);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, unique.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

async function runOne<T>(
  name: string,
  operation: FanOutOperation<T>,
  options: FanOutOptions,
): Promise<FanOutResult<T>> {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  const what = `profile ${name}`;
  const data = { resource: 'profile', ref: name };
  let deadline: Deadline;
  try {
    // One deadline per name: a number for all, or each name's own (a profile's timeout).
    const { timeoutMs, signal } = options;
    const limit = typeof timeoutMs === 'function' ? timeoutMs(name) : timeoutMs;
    deadline = new Deadline(
      { ...(signal ? { signal } : {}), ...(limit !== undefined ? { timeoutMs: limit } : {}) },
      DEFAULT_TIMEOUT_MS,
      what,
    );
  } catch (error) {
    return { name, ok: false, error: toEngineError(error, what, data), ms: ms() };
  }
  try {
    const work = Promise.resolve().then(() => operation(name, { signal: deadline.signal }));
    const value = await deadline.race(work, data);
    return { name, ok: true, value, ms: ms() };
  } catch (error) {
    const reason = deadline.reason(data) ?? toEngineError(error, what, data);
    return { name, ok: false, error: reason, ms: ms() };
  } finally {
    deadline.dispose();
  }
}
