/** What a prune removed and how much space it freed. */
export interface PruneResult {
  /** Ids or names of what was removed. */
  removed: string[];
  spaceReclaimedBytes: number;
}
