import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import type { Row } from '../framework/tool-output.js';
import type { Plan } from '../framework/tool-spec.js';
import { type MigrationRecord, migrationRecords } from './migration-records.js';

/**
 * What removing the source of a finished migration would delete now, bound to its plan id:
 * the token's targets name the plan, so a token for one migration never removes another.
 * The stack on the source must still be the one migrated (the same containers).
 */
export async function removeSourcePlan(p: { plan_id: string }, call: HostCall): Promise<Plan> {
  const record = await migrationRecords(call).load(p.plan_id);
  const { plan } = record;
  if (plan.source !== call.host.name) {
    throw new ToolError(
      'INVALID',
      `plan ${plan.id} moved ${plan.project} from ${plan.source}; pass host "${plan.source}"`,
    );
  }
  const head = { kind: 'plan', name: plan.id };
  if (record.removedAt) {
    return {
      rows: [{ ...head, note: `${plan.project} was removed from ${plan.source} at ${record.removedAt}` }],
      targets: [],
      data: record,
    };
  }
  const [{ COMPOSE_LABELS }, engine] = await Promise.all([import('@berth/discovery'), call.engine()]);
  const filters = { label: { [COMPOSE_LABELS.project]: plan.project } };
  const now = (await engine.containers.list({ all: true, filters })).items.map((c) => c.id).sort();
  const planned = plan.containers.map((c) => c.id).sort();
  if (now.join() !== planned.join()) {
    throw new ToolError(
      'CONFLICT',
      `${plan.project} on ${plan.source} is not the stack migrated by plan ${plan.id} (its containers changed); nothing removed`,
    );
  }
  const networks = await engine.networks.list({ filters });
  const rows: Row[] = [
    {
      ...head,
      note: `removed only once ${plan.project} runs healthy on ${plan.target} with every volume; host files stay`,
    },
    ...plan.containers.map((c) => ({ kind: 'container', name: c.name, note: c.service })),
    ...plan.volumes.map((v) => ({
      kind: 'volume',
      name: v.name,
      note: `data deleted on ${plan.source}; the copy on ${plan.target} stays`,
    })),
    ...networks.map((n) => ({ kind: 'network', name: n.name })),
  ];
  const targets = [
    `migration ${plan.id}`,
    ...plan.containers.map((c) => `container ${c.id}`),
    ...plan.volumes.map((v) => `volume ${v.name}`),
    ...networks.map((n) => `network ${n.name}`),
  ];
  return { rows, targets, data: record };
}

/** Removes the source as planned, through compose's removeSource (it checks the target first). */
export async function removeMigratedSource(call: HostCall, planned: Plan): Promise<Row[]> {
  const record = planned.data as MigrationRecord;
  if (record.removedAt) return planned.rows;
  const { plan } = record;
  const [{ removeSource }, source, target] = await Promise.all([
    import('@berth/compose'),
    call.engine(),
    call.hostEngine(plan.target, { signal: call.signal }),
  ]);
  const bindRoots = (name: string) => call.config.profiles()[name]?.bindRoots ?? [];
  const removed = await removeSource(plan, {
    source: { engine: source, bindRoots: bindRoots(plan.source) },
    target: { engine: target.engine, bindRoots: bindRoots(plan.target) },
    confirmed: true,
    signal: call.signal,
  });
  await migrationRecords(call).save({ ...record, removedAt: new Date().toISOString() });
  return [
    ...removed.containers.map((name) => ({ kind: 'container', name, note: 'removed' })),
    ...removed.volumes.map((name) => ({ kind: 'volume', name, note: 'removed' })),
    ...removed.networks.map((name) => ({ kind: 'network', name, note: 'removed' })),
    ...removed.kept.map((name) => ({ kind: 'file', name, note: `kept on ${plan.source}` })),
  ];
}
