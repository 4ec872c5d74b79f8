import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import { ToolError } from '../framework/tool-error.js';
import { action } from '../framework/tool-spec.js';
import { type PlannedObject, type PruneKind, prunePlan } from './cleanup-plan.js';
import { cleanupActions } from './host-cleanup.js';
import { removePlanned, removeRow, snapshotPlan } from './prune.js';
import { resourceRef, VOLUMES_DESCRIPTION } from './refs.js';
import { type RemoveParams, removePlan, runRemoval } from './remove-plan.js';
import { labelParam } from './resource-rows.js';
import { timeParam } from './time-param.js';

const kind = z.enum(['container', 'image', 'volume', 'network']);

/** Only kinds that take them; a real boolean only (`"false"` is refused, never read as yes). */
function checkRemove(p: RemoveParams): void {
  if (p.volumes !== undefined && p.kind !== 'container') {
    throw new ToolError('INVALID', 'volumes applies to kind container only');
  }
  if (p.force !== undefined && p.kind === 'network') {
    throw new ToolError('INVALID', 'force does not apply to kind network; disconnect its containers first');
  }
}

export interface PruneParams {
  kind: PruneKind;
  label?: string[] | undefined;
  until?: Date | undefined;
  all?: boolean | undefined;
}

/** Refuses what the engine's prune of that kind does not take, before anything is planned. */
export function checkPrune(p: PruneParams): void {
  if (p.until !== undefined && p.kind === 'volume') {
    throw new ToolError(
      'INVALID',
      'until does not apply to kind volume (volumes carry no creation time to prune by)',
    );
  }
  if (p.all !== undefined && p.kind !== 'image') {
    throw new ToolError('INVALID', 'all applies to kind image only (every unused image, not only dangling)');
  }
}

/**
 * Removing things for good: every action answers with its plan (what exactly goes, with
 * sizes) and a confirm_token first, unless the client confirms by elicitation; the token
 * runs exactly that plan. Idempotent: a second identical call finds nothing left to remove.
 */
export const removeTool = defineTool({
  name: 'remove',
  title: 'Remove things',
  intro:
    'Deletes for good. Unconfirmed, a call changes nothing and answers with its plan (objects, sizes where known) and a confirm_token: repeat it with that token to do exactly the plan. dry_run: plan only.',
  toolset: 'docker',
  actions: {
    remove: action({
      summary: '`id` of `kind`; `force` if running/used; `volumes: true` also its anonymous volumes',
      effect: 'lose',
      idempotent: true,
      params: z.object({
        kind,
        id: resourceRef('id'),
        force: z.boolean().optional(),
        volumes: z.boolean().describe(VOLUMES_DESCRIPTION).optional(),
      }),
      rows: removeRow,
      target: (p) => `${p.kind} ${p.id}`,
      plan: (p, call) => {
        checkRemove(p);
        return removePlan(p, call);
      },
      run: (_p, call, plan) => runRemoval(plan, call),
    }),
    prune: action({
      summary:
        'unused `kind`: stopped containers, dangling images (`all`: every unused one), volumes, networks; narrow by `label`, `until` (created before)',
      effect: 'lose',
      idempotent: true,
      params: z.object({ kind, label: labelParam, until: timeParam.optional(), all: z.boolean().optional() }),
      rows: removeRow,
      target: (p) =>
        [
          `${p.kind}s`,
          ...(p.label ?? []).map((l) => `label=${l}`),
          ...(p.until ? [`until=${p.until.toISOString()}`] : []),
        ].join(' '),
      plan: (p, call) => {
        checkPrune(p);
        return snapshotPlan(call, (s) => prunePlan(p.kind, s, p));
      },
      run: (_p, call, plan) => removePlanned((plan?.data ?? []) as PlannedObject[], call),
    }),
    ...cleanupActions,
  },
});
