import type { RunOptions, RunResult } from '@berth/client-pool';
import type Docker from 'dockerode';

/**
 * What a HostEngine is bound to: one profile's live connection. `@berth/client-pool`'s
 * EngineClient fits; it is typed by shape so any source of connections can serve.
 */
export interface EngineLease {
  readonly profile: string;
  readonly docker: Docker;
  /** The profile's deadline of one ordinary call, in milliseconds. */
  readonly timeoutMs: number;
  /** Runs argv on the engine's host over the same connection (locally for local profiles). */
  run(argv: string[], options?: RunOptions): Promise<RunResult>;
}

/** What `openHostEngine` needs of a pool (`@berth/client-pool`'s ClientPool fits). */
export interface EnginePool {
  acquire(profile: string, options: { signal?: AbortSignal }): Promise<EngineLease>;
}

/** Host commands (compose, backups) outlast an ordinary API call; callers pass more when they know. */
export const DEFAULT_RUN_TIMEOUT_MS = 60_000;
