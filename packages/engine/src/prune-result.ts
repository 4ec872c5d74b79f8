/** Prunes walk every object of their kind and free disk: far longer than one ordinary call. */
export const DEFAULT_PRUNE_TIMEOUT_MS = 5 * 60_000;

/** What a prune removed and how much space it freed. */
export interface PruneResult {
  /** Ids or names of what was removed. */
  removed: string[];
  spaceReclaimedBytes: number;
}

/**
 * The engine runs one prune at a time per kind and refuses another meanwhile (a 409),
 * from any client: berth's prunes wait that out within their deadline.
 */
export const PRUNE_RUNNING = /a prune operation is already running/i;
