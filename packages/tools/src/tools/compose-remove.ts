import type { HostEngine } from '@berth/engine';
import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import type { Row } from '../framework/tool-output.js';
import type { Plan } from '../framework/tool-spec.js';
import { action } from '../framework/tool-spec.js';
import { planIdParam } from './compose-migration.js';
import { composeDriver, jobControl, type ResolvedStack, resolveStack, stackRef } from './compose-stack.js';
import { removeMigratedSource, removeSourcePlan } from './remove-migrated-source.js';
import { anonymousVolumes, type ContainerMounts } from './remove-plan.js';

const PROJECT_LABEL = 'com.docker.compose.project';

const planRow = z.object({
  kind: z.string(),
  name: z.string(),
  /** After the run: removed, or kept (volumes without `volumes: true`). */
  result: z.string().optional(),
  note: z.string().optional(),
});

interface DownParams {
  stack?: string | undefined;
  dir?: string | undefined;
  volumes?: boolean | undefined;
  remove_orphans?: boolean | undefined;
}

/** The project's containers by its compose label only: never another project's. */
async function projectContainers(engine: HostEngine, name: string) {
  const { serviceContainers } = await import('@berth/discovery');
  const rows = (await engine.containers.list({ all: true, filters: { label: [`${PROJECT_LABEL}=${name}`] } }))
    .items;
  return [...serviceContainers(name, rows, { oneoff: true }).values()].flat();
}

/** Volumes `down -v` deletes: the project's labelled volumes and its containers' anonymous ones. */
async function projectVolumes(
  engine: HostEngine,
  name: string,
  containerIds: readonly string[],
): Promise<string[]> {
  const labelled = (await engine.volumes.list({ filters: { label: [`${PROJECT_LABEL}=${name}`] } })).volumes;
  const anonymous = await Promise.all(
    containerIds.map(async (id) =>
      anonymousVolumes((await engine.containers.inspect(id)) as unknown as ContainerMounts),
    ),
  );
  return [...new Set([...labelled.map((v) => v.name), ...anonymous.flat()])].sort();
}

/** Exactly what `down` would remove now, read from the engine. */
async function downPlan(p: DownParams, call: HostCall): Promise<Plan> {
  const stack = await resolveStack(call, p);
  const engine = await call.engine();
  const name = stack.project.name;
  const containers = await projectContainers(engine, name);
  const networks = (await engine.networks.list({ filters: { label: [`${PROJECT_LABEL}=${name}`] } })).filter(
    (n) => n.labels?.[PROJECT_LABEL] === name,
  );
  const volumes =
    p.volumes === true
      ? await projectVolumes(
          engine,
          name,
          containers.map((c) => c.id),
        )
      : [];
  // Shown so a plan says what stays as plainly as what goes; not targets of the token.
  const kept =
    p.volumes === true
      ? []
      : (await engine.volumes.list({ filters: { label: [`${PROJECT_LABEL}=${name}`] } })).volumes
          .map((v) => v.name)
          .sort();
  const rows = [
    ...containers.map((c) => ({ kind: 'container', name: c.name, note: `${c.service}, ${c.state}` })),
    ...networks.map((n) => ({ kind: 'network', name: n.name })),
    ...volumes.map((v) => ({ kind: 'volume', name: v, note: 'deleted with its data' })),
    ...kept.map((v) => ({ kind: 'volume', name: v, note: 'kept with its data (volumes: true deletes it)' })),
  ];
  const targets = [
    ...containers.map((c) => `container ${c.id}`),
    ...networks.map((n) => `network ${n.name}`),
    ...volumes.map((v) => `volume ${v}`),
  ];
  return { rows, targets, data: { stack, kept } satisfies DownData };
}

interface DownData {
  stack: ResolvedStack;
  kept: string[];
}

/** What a finished down did: each planned row marked removed, or kept for volumes it left. */
function downResult(plan: Plan | undefined): Row[] {
  const kept = new Set((plan?.data as DownData | undefined)?.kept ?? []);
  return (plan?.rows ?? []).map(({ note: _note, ...row }) => ({
    ...row,
    result: row.kind === 'volume' && kept.has(String(row.name)) ? 'kept' : 'removed',
  }));
}

/**
 * Taking a stack down removes its containers and networks for good, and with
 * `volumes: true` (the boolean; the string "false" is refused) its volumes' data: every
 * call answers with the plan first and runs only once confirmed.
 */
export const composeRemoveTool = defineTool({
  name: 'compose_remove',
  title: 'Take compose stacks down',
  intro:
    'Deletes for good. No `host`: the default host. Unconfirmed, a call changes nothing and answers with its plan and a confirm_token: repeat it with that token to do exactly the plan. dry_run: plan only.',
  toolset: 'compose',
  actions: {
    down: action({
      summary:
        'remove the containers and networks of `stack` or `dir`; `volumes: true` also deletes its volumes',
      effect: 'lose',
      idempotent: true,
      params: z.object({
        ...stackRef,
        volumes: z.boolean().optional().describe('true: also delete the volumes (data)'),
        remove_orphans: z.boolean().optional(),
      }),
      rows: planRow,
      target: (p) => `${p.stack ?? p.dir}${p.volumes === true ? ' with volumes' : ''}`,
      plan: downPlan,
      run: async (p, call, plan) => {
        const stack = (plan?.data as DownData | undefined)?.stack ?? (await resolveStack(call, p));
        const { control, flush } = jobControl(call);
        await (await composeDriver(call)).down(
          stack.project,
          { volumes: p.volumes === true, removeOrphans: p.remove_orphans === true },
          control,
        );
        await flush();
        return downResult(plan);
      },
    }),
    migrate_remove_source: action({
      summary:
        "after compose_ops migrate: delete the stack's containers, volumes, networks from the source `host` by migrate's `plan_id`; checks the target is healthy first",
      effect: 'lose',
      idempotent: true,
      params: z.object({ plan_id: planIdParam }),
      rows: planRow,
      target: (p) => `migration ${p.plan_id}`,
      plan: (p, call) => removeSourcePlan(p, call),
      run: async (_p, call, plan) => {
        if (!plan) throw new ToolError('INVALID', 'migrate_remove_source runs only from its plan');
        return removeMigratedSource(call, plan);
      },
    }),
  },
});
