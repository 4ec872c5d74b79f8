import { ProvisioningError } from './provisioning-error.js';

interface Waiter {
  grant: () => void;
  fail: (error: Error) => void;
}

/**
 * A FIFO semaphore: at most `limit` holders, the rest wait in arrival order. A waiter
 * leaves the queue with TIMEOUT after `queueTimeoutMs` or CANCELLED when its signal
 * fires, so a stuck server backs callers up for a bounded time only.
 */
export class ConcurrencyLimit {
  #active = 0;
  readonly #queue: Waiter[] = [];

  constructor(
    readonly limit: number,
    private readonly queueTimeoutMs: number,
    private readonly what: string,
  ) {}

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  /** Runs `work` when a slot is free; the slot is released when it settles. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await work();
    } finally {
      this.#release();
    }
  }

  #acquire(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled(this.what, signal));
    if (this.#active < this.limit && this.#queue.length === 0) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          cleanup();
          this.#active++;
          resolve();
        },
        fail: (error) => {
          cleanup();
          const index = this.#queue.indexOf(waiter);
          if (index >= 0) this.#queue.splice(index, 1);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiter.fail(
          new ProvisioningError(
            'TIMEOUT',
            `${this.what}: waited ${this.queueTimeoutMs} ms in the queue behind ${this.#active} running requests`,
            {
              queueTimeoutMs: this.queueTimeoutMs,
            },
          ),
        );
      }, this.queueTimeoutMs);
      const onAbort = () => waiter.fail(cancelled(this.what, signal as AbortSignal));
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #release(): void {
    this.#active--;
    this.#queue.shift()?.grant();
  }

  /** Fails every waiter (the server is closing). */
  rejectAll(error: Error): void {
    for (const waiter of [...this.#queue]) waiter.fail(error);
  }
}

function cancelled(what: string, signal: AbortSignal): ProvisioningError {
  return new ProvisioningError('CANCELLED', `${what} was cancelled`, {}, { cause: signal.reason });
}
