import type Docker from 'dockerode';
import { DEFAULT_TIMEOUT_MS, Deadline } from './call-options.js';
import type { EngineError } from './engine-error.js';
import { toEngineError } from './to-engine-error.js';

/** What fan-out needs of a client pool (`@berth/client-pool` fits; typed structurally). */
export interface FanOutPool {
  acquire(profile: string, options: { signal?: AbortSignal }): Promise<{ docker: Docker }>;
}

export type FanOutResult<T> =
  | { profile: string; ok: true; value: T; ms: number }
  | { profile: string; ok: false; error: EngineError; ms: number };

export interface FanOutOptions {
  /** Deadline per profile, connection included (default 30 s). */
  timeoutMs?: number;
  /** Aborts every profile still running. */
  signal?: AbortSignal;
  /** Profiles worked on at once (default 8). */
  concurrency?: number;
}

export type FanOutOperation<T> = (
  docker: Docker,
  context: { profile: string; signal: AbortSignal },
) => Promise<T>;

/**
 * Runs one operation on many profiles at once. Every profile gets its own deadline and
 * answers for itself: the result lists values and errors side by side, in the order the
 * profiles were given, and the promise never rejects because one host failed. A profile
 * whose operation ignores its signal is still reported as TIMEOUT on time.
 */
export async function fanOut<T>(
  pool: FanOutPool,
  profiles: readonly string[],
  operation: FanOutOperation<T>,
  options: FanOutOptions = {},
): Promise<Array<FanOutResult<T>>> {
  const unique = [...new Set(profiles)];
  const results: Array<FanOutResult<T>> = new Array(unique.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < unique.length; i = next++) {
      results[i] = await runOne(pool, unique[i] as string, operation, options);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 8, unique.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

async function runOne<T>(
  pool: FanOutPool,
  profile: string,
  operation: FanOutOperation<T>,
  options: FanOutOptions,
): Promise<FanOutResult<T>> {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  const data = { resource: 'profile', ref: profile };
  let deadline: Deadline;
  try {
    deadline = new Deadline(options, DEFAULT_TIMEOUT_MS, `profile ${profile}`);
  } catch (error) {
    return { profile, ok: false, error: toEngineError(error, `profile ${profile}`, data), ms: ms() };
  }
  // Rejects when the deadline fires, so an operation that ignores its signal cannot hold us.
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(deadline.reason(data));
    if (deadline.aborted) onAbort();
    else deadline.signal.addEventListener('abort', onAbort, { once: true });
  });
  stopped.catch(() => {});
  try {
    const work = (async () => {
      const { docker } = await pool.acquire(profile, { signal: deadline.signal });
      return operation(docker, { profile, signal: deadline.signal });
    })();
    work.catch(() => {});
    const value = await Promise.race([work, stopped]);
    return { profile, ok: true, value, ms: ms() };
  } catch (error) {
    const reason = deadline.reason(data) ?? toEngineError(error, `profile ${profile}`, data);
    return { profile, ok: false, error: reason, ms: ms() };
  } finally {
    deadline.signal.removeEventListener('abort', onAbort);
  }
}
