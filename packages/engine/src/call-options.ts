import { raceSignal, Deadline as SignalDeadline } from '@berth/errors';
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

/** The deadline of one call in ms; an engine call without one would never give up. */
function checkedTimeout(ms: number, what: string): number {
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new EngineError('INVALID', `${what}: timeoutMs must be a positive number of milliseconds`, {
      timeoutMs: ms,
    });
  }
  return ms;
}

/**
 * The signal of one call: the caller's signal combined with the call's deadline. `reason`
 * turns whichever fired into CANCELLED or TIMEOUT, so errors say why the call stopped.
 * Dispose it when the call ends, so the caller's signal does not keep its listener.
 */
export class Deadline extends SignalDeadline {
  constructor(options: CallOptions, defaultMs: number, what: string) {
    super(what, checkedTimeout(options.timeoutMs ?? defaultMs, what), options.signal);
  }

  /** The error to raise after the signal fired; undefined while it has not. */
  reason(data: Record<string, unknown> = {}): EngineError | undefined {
    const stop = this.stoppedBy;
    if (stop === undefined) return undefined;
    if (stop === 'TIMEOUT') {
      // A deadline further up that passed is a timeout too, but not after this call's limit.
      const ms = this.timedOut ? ` after ${this.timeoutMs} ms` : '';
      return new EngineError('TIMEOUT', `${this.what} timed out${ms}`, {
        ...data,
        timeoutMs: this.timeoutMs,
      });
    }
    return new EngineError('CANCELLED', `${this.what} was cancelled`, data, { cause: this.signal.reason });
  }

  /**
   * Settles as `work` does, or rejects with CANCELLED/TIMEOUT as soon as the signal fires,
   * so work that ignores its signal cannot hold the caller past the deadline.
   */
  race<T>(work: Promise<T>, data: Record<string, unknown> = {}): Promise<T> {
    return raceSignal(work, this.signal, () => this.reason(data));
  }

  /** Throws CANCELLED or TIMEOUT when the signal already fired. */
  throwIfAborted(data: Record<string, unknown> = {}): void {
    const error = this.reason(data);
    if (error) throw error;
  }
}
