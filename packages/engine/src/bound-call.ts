import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';

/** The connection, signal and deadline a HostEngine carries into every call. */
export interface BoundTarget {
  readonly profile: string;
  readonly docker: Docker;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/**
 * The options of one bound call: the caller's per-call signal joined to the bound one,
 * and the deadline by the rule documented on HostEngine. `longDefaultMs` marks an
 * operation whose natural length exceeds an ordinary call (its own default deadline).
 */
export function boundCall<O extends CallOptions>(
  target: BoundTarget,
  options: O | undefined,
  longDefaultMs?: number,
): O & { signal: AbortSignal; timeoutMs: number } {
  const signal = options?.signal ? AbortSignal.any([target.signal, options.signal]) : target.signal;
  const timeoutMs =
    options?.timeoutMs ??
    (longDefaultMs === undefined ? target.timeoutMs : Math.max(target.timeoutMs, longDefaultMs));
  return { ...(options as O), signal, timeoutMs };
}

export type BoundCall = <O extends CallOptions>(
  options: O | undefined,
  longDefaultMs?: number,
) => O & { signal: AbortSignal; timeoutMs: number };

/** `boundCall` with the target filled in, for a sub-client's methods. */
export function callsOn(target: BoundTarget): BoundCall {
  return (options, longDefaultMs) => boundCall(target, options, longDefaultMs);
}
