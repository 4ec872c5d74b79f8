/** Which of a deadline's two sources stopped it. */
export type DeadlineStop = 'TIMEOUT' | 'CANCELLED';

/**
 * A Deadline's abort reason when its time is up: a TimeoutError, as AbortSignal.timeout
 * gives, so libraries and describeError read it as a timeout; it also carries the limit,
 * so a layer that sees only the signal can still say how long it waited.
 */
class DeadlinePassed extends DOMException {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`, 'TimeoutError');
  }
}

/**
 * The limit of the Deadline whose passing gave an abort `reason`; undefined for any other
 * reason. Read by shape, not class, so a reason from another copy of this package counts.
 */
export function deadlinePassedMs(reason: unknown): number | undefined {
  if (!(reason instanceof DOMException) || reason.name !== 'TimeoutError') return undefined;
  const ms = (reason as { timeoutMs?: unknown }).timeoutMs;
  return typeof ms === 'number' ? ms : undefined;
}

/**
 * One signal for "the caller gave up or the deadline passed", and which of the two it was.
 * It does the job of `AbortSignal.any([signal, AbortSignal.timeout(ms)])` with one
 * controller, one unref'd timer and one parent listener: the pair of web signals costs
 * tens of microseconds per call and leaves its timer and listener to the garbage
 * collector, which a gateway forwarding thousands of calls pays on every call. Whichever
 * source fires first lets go of the other; `dispose()` lets go of both.
 */
export class Deadline implements Disposable {
  readonly #controller = new AbortController();
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #parent: AbortSignal | undefined;
  readonly #onParentAbort = () => {
    clearTimeout(this.#timer);
    this.#controller.abort(this.#parent?.reason);
  };
  #timedOut = false;

  constructor(
    /** What is being done, for messages: "list containers". */
    readonly what: string,
    readonly timeoutMs: number,
    parent?: AbortSignal,
  ) {
    if (parent?.aborted) {
      this.#controller.abort(parent.reason);
      return;
    }
    this.#parent = parent;
    parent?.addEventListener('abort', this.#onParentAbort, { once: true });
    this.#timer = setTimeout(() => {
      this.#timedOut = true;
      this.#parent?.removeEventListener('abort', this.#onParentAbort);
      this.#controller.abort(new DeadlinePassed(timeoutMs));
    }, timeoutMs);
    this.#timer.unref();
  }

  /** Aborted when the parent signal fires or the deadline passes. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get aborted(): boolean {
    return this.#controller.signal.aborted;
  }

  /** True when this deadline passed (not when the parent fired first). */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /**
   * Undefined while the signal has not fired; TIMEOUT when this deadline passed or the
   * parent fired with a TimeoutError (a deadline further up passed); CANCELLED otherwise.
   */
  get stoppedBy(): DeadlineStop | undefined {
    const signal = this.#controller.signal;
    if (!signal.aborted) return undefined;
    if (this.#timedOut) return 'TIMEOUT';
    const reason: unknown = signal.reason;
    return reason instanceof DOMException && reason.name === 'TimeoutError' ? 'TIMEOUT' : 'CANCELLED';
  }

  /** Stops the timer and lets go of the parent signal; the signal no longer fires after this. */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#parent?.removeEventListener('abort', this.#onParentAbort);
  }

  [Symbol.dispose](): void {
    this.dispose();
  }
}
