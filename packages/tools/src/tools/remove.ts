import { removeContainer, removeImage, removeNetwork, removeVolume } from '@berth/engine';
import { z } from 'zod';
import { ToolError } from '../framework/tool-error.js';
import { action, defineTool } from '../framework/tool-spec.js';
import { cleanupActions } from './host-cleanup.js';
import { checkPrune, prunePlan, runPrune } from './prune.js';
import { untilParam } from './prune-until.js';
import { resourceRef } from './refs.js';
import { type RemoveParams, removePlan } from './remove-plan.js';
import { withSuggestions } from './resource-kind.js';
import { labelParam } from './resource-rows.js';

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

/**
 * Removing things for good. Every action supports `dry_run` (the plan, read from the
 * engine), asks for confirmation where the client can answer, and is audited (framework).
 * Idempotent: a second identical call finds nothing left to remove.
 */
export const removeTool = defineTool({
  name: 'remove',
  title: 'Remove things',
  description: 'One thing, a kind, or a host by level.',
  safety: 'destructive',
  idempotent: true,
  actions: {
    ...cleanupActions,
    remove: action({
      summary: 'remove `id` of `kind`; `force` (running/used), `volumes` (its anonymous volumes)',
      params: z.object({
        kind,
        id: resourceRef('id'),
        force: z.boolean().optional(),
        volumes: z.boolean().optional(),
      }),
      target: (p) => `${p.kind} ${p.id}`,
      plan: (p, call) => {
        checkRemove(p);
        return removePlan(p, call);
      },
      run: async (p, call) => {
        checkRemove(p);
        const docker = await call.docker();
        const o = { signal: call.signal };
        const done = { removed: p.kind, id: p.id };
        await withSuggestions(p.kind, p.id, docker, call.host.name, call.signal, async () => {
          if (p.kind === 'container') {
            // Strict: only the boolean true removes volumes (zod already refused "false").
            await removeContainer(docker, p.id, {
              ...o,
              force: p.force === true,
              volumes: p.volumes === true,
            });
          } else if (p.kind === 'image') {
            const r = await removeImage(docker, p.id, { ...o, force: p.force === true });
            Object.assign(done, { untagged: r.untagged.length, deleted: r.deleted.length });
          } else if (p.kind === 'volume') await removeVolume(docker, p.id, { ...o, force: p.force === true });
          else await removeNetwork(docker, p.id, o);
        });
        return done;
      },
    }),
    prune: action({
      summary:
        'remove every unused thing of `kind` (stopped containers, dangling or `all` unused images, …), narrowed by `label`, `until`',
      params: z.object({ kind, label: labelParam, until: untilParam, all: z.boolean().optional() }),
      target: (p) =>
        [
          `${p.kind}s`,
          ...(p.label ?? []).map((l) => `label=${l}`),
          ...(p.until ? [`until=${p.until}`] : []),
        ].join(' '),
      plan: (p, call) => prunePlan(p, call),
      run: (p, call) => {
        checkPrune(p);
        return runPrune(p, call);
      },
    }),
  },
});
