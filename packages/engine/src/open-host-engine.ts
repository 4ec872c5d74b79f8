import { DEFAULT_TIMEOUT_MS, Deadline } from './call-options.js';
import type { EnginePool } from './engine-lease.js';
import { type BindEngineOptions, bindEngine, type HostEngine } from './host-engine.js';
import { toEngineError } from './to-engine-error.js';

/**
 * Acquires `profile` from a pool and binds it: the usual way to get a HostEngine. The
 * connection itself (an SSH handshake, say) is bounded by `timeoutMs` when given, else
 * by the default of one ordinary call, since the profile's own timeout is not known yet.
 */
export async function openHostEngine(
  pool: EnginePool,
  profile: string,
  options: BindEngineOptions,
): Promise<HostEngine> {
  const what = `connect to profile ${profile}`;
  const data = { resource: 'profile', ref: profile, operation: 'profile.acquire' };
  const deadline = new Deadline(options, DEFAULT_TIMEOUT_MS, what);
  deadline.throwIfAborted(data);
  try {
    const lease = await deadline.race(pool.acquire(profile, { signal: deadline.signal }), data);
    return bindEngine(lease, options);
  } catch (error) {
    throw deadline.reason(data) ?? toEngineError(error, what, data);
  } finally {
    deadline.dispose();
  }
}
