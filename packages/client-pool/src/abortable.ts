import { deadlinePassedMs, raceSignal, Deadline as SignalDeadline } from '@berth/errors';
import { ClientPoolError, type ClientPoolErrorData } from './client-pool-error.js';

/**
 * A timeout and an optional caller signal folded into one AbortSignal. `error()` says
 * which of the two fired: TIMEOUT or CANCELLED.
 */
export class Deadline extends SignalDeadline {
  constructor(
    what: string,
    timeoutMs: number,
    parent?: AbortSignal,
    private readonly data: ClientPoolErrorData = {},
  ) {
    super(what, timeoutMs, parent);
  }

  error(): ClientPoolError {
    return abortError(this.signal, this.what, { ...this.data, timeoutMs: this.timeoutMs });
  }
}

/** The error for an aborted signal: TIMEOUT when a deadline passed, CANCELLED otherwise. */
export function abortError(
  signal: AbortSignal,
  what: string,
  data: ClientPoolErrorData = {},
): ClientPoolError {
  const reason: unknown = signal.reason;
  if (reason instanceof ClientPoolError) return reason;
  const timeoutMs = deadlinePassedMs(reason);
  if (timeoutMs !== undefined) {
    return new ClientPoolError('TIMEOUT', `${what} did not finish within ${timeoutMs} ms`, {
      ...data,
      timeoutMs,
    });
  }
  return new ClientPoolError('CANCELLED', `${what} was cancelled`, data, { cause: reason });
}

/**
 * Waits for `promise` unless `signal` aborts first. The work itself goes on; when it still
 * produces a value after the abort, `discard` releases it (closes a channel, ...).
 */
export function abortable<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
  data?: ClientPoolErrorData,
  discard?: (late: T) => void,
): Promise<T> {
  if (!signal) return promise;
  return raceSignal(promise, signal, () => abortError(signal, what, data), discard);
}
