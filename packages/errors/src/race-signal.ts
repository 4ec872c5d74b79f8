/**
 * Settles as `work` does, or rejects with `stopped()` as soon as `signal` fires (at once
 * when it already has), so work that ignores its signal cannot hold the caller past it.
 * The work itself goes on: a value it still produces after the abort goes to `discard`
 * (to close a channel, a socket, ...), and a late failure is dropped, not left unhandled.
 */
export function raceSignal<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  stopped: () => unknown,
  discard?: (late: T) => void,
): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      reject(stopped());
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(
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
