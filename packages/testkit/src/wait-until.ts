import { TestkitError } from './testkit-error.js';

/** Polls `probe` until it returns true or `timeoutMs` passes; the last error is the cause. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs, intervalMs = 250 }: { timeoutMs: number; intervalMs?: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new TestkitError('TIMEOUT', `${what} not ready within ${timeoutMs} ms`, { cause: lastError });
}
