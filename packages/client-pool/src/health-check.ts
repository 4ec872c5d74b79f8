import { abortable, Deadline } from './abortable.js';
import { ClientPoolError } from './client-pool-error.js';
import type { EngineClient } from './engine-client.js';

export interface HealthResult {
  ok: boolean;
  /** Round trip of the ping when ok; time until failure otherwise. */
  latencyMs: number;
  error?: ClientPoolError;
}

/** What a health check needs of the pool. */
export interface HealthTarget {
  /** The profile's timeout; throws for an unknown or disabled profile. */
  timeoutMs(): number;
  /** Connects when needed; rejects when the signal aborts. */
  acquire(signal: AbortSignal): Promise<EngineClient>;
}

/** dockerode's ping takes an abortSignal; @types/dockerode does not declare it. */
function ping(docker: EngineClient['docker'], signal: AbortSignal): Promise<unknown> {
  const withOptions = docker.ping as unknown as (options: { abortSignal: AbortSignal }) => Promise<unknown>;
  return withOptions.call(docker, { abortSignal: signal });
}

function toPoolError(error: unknown, profile: string): ClientPoolError {
  if (error instanceof ClientPoolError) return error;
  const err = error as Error & { code?: string; name?: string };
  if (err?.name === 'AbortError')
    return new ClientPoolError(
      'CANCELLED',
      `profile "${profile}": ${err.message}`,
      { profile },
      { cause: error },
    );
  return new ClientPoolError(
    'UNREACHABLE',
    `profile "${profile}": ${err?.message ?? String(error)}`,
    { profile },
    { cause: error },
  );
}

/**
 * Connects (when needed) and pings the engine of `name`, within `timeoutMs` (default: the
 * profile's). Never throws: a failure is a result with the error that caused it.
 */
export async function checkHealth(
  name: string,
  target: HealthTarget,
  options: { timeoutMs?: number } = {},
): Promise<HealthResult> {
  const started = performance.now();
  const what = `health check of profile "${name}"`;
  let deadline: Deadline | undefined;
  try {
    deadline = new Deadline(what, options.timeoutMs ?? target.timeoutMs(), undefined, { profile: name });
    const { signal } = deadline;
    const client = await target.acquire(signal);
    const pingStarted = performance.now();
    await abortable(ping(client.docker, signal), signal, what, { profile: name });
    return { ok: true, latencyMs: performance.now() - pingStarted };
  } catch (error) {
    const poolError = deadline?.aborted ? deadline.error() : toPoolError(error, name);
    return { ok: false, latencyMs: performance.now() - started, error: poolError };
  } finally {
    deadline?.dispose();
  }
}
