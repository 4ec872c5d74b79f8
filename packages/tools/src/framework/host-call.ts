import type { HostEngine } from '@berth/engine';
import type { Masker } from '@berth/security';
import type { Logger } from 'pino';
import type { Caller } from './caller.js';
import type { HostConfigStore, HostSummary } from './host-summary.js';

/** What an action gets for one host, for the length of one call. */
export interface HostCall {
  host: HostSummary;
  /** Fires when the caller cancels or the call's deadline passes. */
  signal: AbortSignal;
  /**
   * The host's engine client, acquired on first use (listing hosts needs none), with this
   * call's signal and the profile's timeout bound to every request.
   */
  engine(): Promise<HostEngine>;
  /**
   * Another enabled host and an engine for it, for actions that span two hosts (migrate).
   * The engine is bound to `signal`, not this call's: work that must go on after a cancel
   * (a rollback) binds one that outlives it. UNKNOWN_HOST when no enabled profile has the name.
   */
  hostEngine(
    name: string,
    options: { signal: AbortSignal },
  ): Promise<{ host: HostSummary; engine: HostEngine }>;
  /** Sends a progress notification when the caller asked for them. */
  progress(done: number, total?: number, message?: string): Promise<void>;
  logger: Logger;
  /** This call's masker: it knows berth's secrets and learns the call's own. */
  masker: Masker;
  caller: Caller;
  /** berth's config, for actions that edit profiles. */
  config: HostConfigStore;
}
