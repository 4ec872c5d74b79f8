import { ProvisioningError } from './provisioning-error.js';

/** Settles with `work`, or rejects with CANCELLED as soon as the caller's signal fires. */
export function raceSignal<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
  server: string,
): Promise<T> {
  if (!signal) return work;
  const cancelled = () =>
    new ProvisioningError('CANCELLED', `${what} was cancelled`, { server }, { cause: signal.reason });
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
