import { z } from 'zod';
import { action } from '../framework/tool-spec.js';
import { type CleanupLevel, cleanupPlan, type PlannedObject } from './cleanup-plan.js';
import { removePlanned, removeRow, snapshotPlan } from './prune.js';
import { VOLUMES_DESCRIPTION } from './refs.js';

const none = z.object({});
// A real boolean, and required: aggressive deletes volume data only when asked in so many words.
const VOLUMES_NEEDED =
  'cleanup_aggressive deletes unused volumes (their data): pass volumes: true to mean it, or use cleanup_moderate';
const withVolumes = z.object({
  // Not optional: an absent key must fail too (zod skips checks of absent optional keys).
  volumes: z
    .boolean({
      error: (issue) => (issue.input === undefined ? VOLUMES_NEEDED : 'volumes must be the boolean true'),
    })
    .refine((v) => v === true, VOLUMES_NEEDED)
    .describe(VOLUMES_DESCRIPTION),
});

function level(name: CleanupLevel, summary: string) {
  return action({
    summary,
    effect: 'lose',
    idempotent: true,
    params: name === 'aggressive' ? withVolumes : none,
    rows: removeRow,
    target: () => name,
    plan: (_p, call) => snapshotPlan(call, (s) => cleanupPlan(name, s)),
    run: (_p, call, plan) => removePlanned((plan?.data ?? []) as PlannedObject[], call),
  });
}

/**
 * Frees disk on one host (actions of `remove`). Levels add up: safe < moderate <
 * aggressive; cleanupPlan says exactly what each removes, from the same snapshot and
 * functions as `prune`, and `system cleanup` previews all three.
 */
export const cleanupActions = {
  cleanup_safe: level('safe', 'stopped containers created 24 h+ ago, unused networks, dangling images'),
  cleanup_moderate: level('moderate', 'safe + all unused images'),
  cleanup_aggressive: level('aggressive', 'moderate + unused volumes; needs `volumes: true`'),
};
