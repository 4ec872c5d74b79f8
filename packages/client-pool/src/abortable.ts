import { ClientPoolError, type ClientPoolErrorData } from './client-pool-error.js';

/** The reason given to AbortController.abort when a berth deadline passes. */
export class DeadlineReason {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {}
}

/**
 * A timeout and an optional caller signal folded into one AbortSignal. `error()` says
 * which of the two fired: TIMEOUT or CANCELLED.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onParentAbort = () => this.controller.abort(this.parent?.reason);

  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    private readonly parent?: AbortSignal,
    private readonly data: ClientPoolErrorData = {},
  ) {
    this.timer = setTimeout(() => this.controller.abort(new DeadlineReason(what, timeoutMs)), timeoutMs);
    this.timer.unref();
    if (parent?.aborted) this.controller.abort(parent.reason);
    else parent?.addEventListener('abort', this.onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  error(): ClientPoolError {
    return abortError(this.signal, this.what, { ...this.data, timeoutMs: this.timeoutMs });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener('abort', this.onParentAbort);
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
  if (reason instanceof DeadlineReason) {
    return new ClientPoolError('TIMEOUT', `${what} did not finish within ${reason.timeoutMs} ms`, {
      ...data,
      timeoutMs: reason.timeoutMs,
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
  return new Promise<T>((resolve, reject) => {
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      reject(abortError(signal, what, data));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        if (aborted) discard?.(value);
        else resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
