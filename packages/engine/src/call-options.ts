import { EngineError } from './engine-error.js';

/** Options every engine call takes: a caller's signal and a deadline. */
export interface CallOptions {
  /** Aborting it cancels the engine request (or closes the stream). */
  signal?: AbortSignal;
  /** Deadline of the call in milliseconds; each operation has a default. */
  timeoutMs?: number;
}

/** One engine API call; long operations (pull, stop) set their own defaults. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The signal of one call: the caller's signal combined with the call's deadline. `reason`
 * turns whichever fired into CANCELLED or TIMEOUT, so errors say why the call stopped.
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly timer: AbortSignal;

  constructor(
    options: CallOptions,
    defaultMs: number,
    readonly what: string,
  ) {
    const ms = options.timeoutMs ?? defaultMs;
    if (!Number.isFinite(ms) || ms <= 0) {
      throw new EngineError('INVALID', `${what}: timeoutMs must be a positive number of milliseconds`, {
        timeoutMs: ms,
      });
    }
    this.timeoutMs = ms;
    this.timer = AbortSignal.timeout(ms);
    this.signal = options.signal ? AbortSignal.any([options.signal, this.timer]) : this.timer;
  }

  readonly timeoutMs: number;

  get aborted(): boolean {
    return this.signal.aborted;
  }

  /** The error to raise after the signal fired; undefined while it has not. */
  reason(data: Record<string, unknown> = {}): EngineError | undefined {
    if (!this.signal.aborted) return undefined;
    // AbortSignal.any keeps the reason of the first signal that fired.
    const why = this.signal.reason as unknown;
    if (why instanceof DOMException && why.name === 'TimeoutError') {
      const ms = this.timer.aborted ? ` after ${this.timeoutMs} ms` : '';
      return new EngineError('TIMEOUT', `${this.what} timed out${ms}`, {
        ...data,
        timeoutMs: this.timeoutMs,
      });
    }
    return new EngineError('CANCELLED', `${this.what} was cancelled`, data, { cause: why });
  }

  /**
   * Settles as `work` does, or rejects with CANCELLED/TIMEOUT as soon as the signal fires,
   * so work that ignores its signal cannot hold the caller past the deadline.
   */
  async race<T>(work: Promise<T>, data: Record<string, unknown> = {}): Promise<T> {
    work.catch(() => {});
    let onAbort = () => {};
    const stopped = new Promise<never>((_, reject) => {
      onAbort = () => reject(this.reason(data));
      if (this.aborted) onAbort();
      else this.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([work, stopped]);
    } finally {
      this.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Throws CANCELLED or TIMEOUT when the signal already fired. */
  throwIfAborted(data: Record<string, unknown> = {}): void {
    const error = this.reason(data);
    if (error) throw error;
  }
}
