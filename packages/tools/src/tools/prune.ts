import type { HostEngine } from '@berth/engine';
import { z } from 'zod';
import { errorLine } from '../framework/error-message.js';
import type { HostCall } from '../framework/host-call.js';
import type { Row } from '../framework/tool-output.js';
import type { Plan } from '../framework/tool-spec.js';
import { type CleanupSnapshot, type PlannedObject, planBytes, planTargets } from './cleanup-plan.js';
import { cleanupSnapshot } from './cleanup-snapshot.js';
import { humanSize } from './sizes.js';

/** One row of the `remove` tool: a planned or handled object, or a total. */
export const removeRow = z.object({
  /** container, image, tag, volume, network; `total` for the sum. */
  kind: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  size: z.string().optional(),
  /** After the run: removed, untagged or skipped. */
  result: z.string().optional(),
  /** A plan's caution, or why an object was skipped. */
  note: z.string().optional(),
  count: z.number().optional(),
});
type RemoveRow = z.output<typeof removeRow>;

/** Object rows shown in one answer; the total always counts them all. */
const SHOWN = 50;

export const shortId = (id: string) =>
  /^(sha256:)?[0-9a-f]{64}$/.test(id) ? id.replace(/^sha256:/, '').slice(0, 12) : id;

function objectRow(o: PlannedObject): RemoveRow {
  return {
    kind: o.kind,
    id: shortId(o.id),
    name: o.name,
    ...(o.bytes === undefined ? {} : { size: humanSize(o.bytes) }),
  };
}

function capped(rows: RemoveRow[], total: RemoveRow): Row[] {
  if (rows.length <= SHOWN) return [...rows, total];
  const note = [total.note, `first ${SHOWN} of ${rows.length} rows shown`].filter(Boolean).join('; ');
  return [...rows.slice(0, SHOWN), { ...total, note }];
}

/** The plan of a prune or cleanup: one row per object (id, name, size) and the total. */
export function planOf(objects: PlannedObject[]): Plan {
  const total: RemoveRow = { kind: 'total', count: objects.length, size: humanSize(planBytes(objects)) };
  return { rows: capped(objects.map(objectRow), total), targets: planTargets(objects), data: objects };
}

/** Reads one snapshot and plans from it: prune and cleanup never disagree. */
export async function snapshotPlan(
  call: HostCall,
  compute: (s: CleanupSnapshot) => PlannedObject[],
): Promise<Plan> {
  return planOf(compute(await cleanupSnapshot(call)));
}

type Outcome = { result: 'removed' | 'untagged' | 'skipped'; note?: string };

async function imageIdOf(
  engine: HostEngine,
  ref: string,
): Promise<{ id: string; tags: string[] } | undefined> {
  try {
    const i = await engine.images.inspect(ref);
    return { id: i.Id, tags: (i.RepoTags ?? []).filter((t) => !t.startsWith('<none>')) };
  } catch (error) {
    if (errorLine(error).code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Removes a planned image: each planned tag that still names it, then the id only if no
 * tag is left. A container using it (any state) keeps it, whatever the plan said: the
 * check is made now, after the containers of the plan are gone.
 */
async function removeImage(
  call: HostCall,
  engine: HostEngine,
  o: PlannedObject,
  users: Map<string, string>,
): Promise<Outcome> {
  const user = users.get(o.id);
  if (user !== undefined) return { result: 'skipped', note: `used by container ${user}` };
  let untagged = false;
  for (const tag of o.tags ?? []) {
    // A tag moved to another image since the plan is not the planned tag.
    if ((await imageIdOf(engine, tag))?.id !== o.id) continue;
    await engine.images.remove(tag);
    untagged = true;
  }
  const left = await imageIdOf(engine, o.id);
  if (!left) return { result: 'removed' };
  if (left.tags.length > 0) return { result: 'untagged', note: `kept: now tagged ${left.tags[0]}` };
  try {
    await engine.images.remove(o.id);
    return { result: 'removed' };
  } catch (error) {
    // Child images, say: the tags are gone, the layers stay until those go.
    if (!untagged || call.signal.aborted) throw error;
    return { result: 'untagged', note: `kept: ${errorLine(error).message}` };
  }
}

/** Who uses each image now (image id -> a container name). */
async function imageUsers(engine: HostEngine): Promise<Map<string, string>> {
  const { items } = await engine.containers.list({ all: true });
  return new Map(items.map((c) => [c.imageId, c.name]));
}

/**
 * Does exactly a confirmed plan: removes its objects one by one by id, in plan order
 * (containers first), never anything else. Containers and volumes are removed without
 * force, so one that came into use since the plan is skipped, with the engine's reason.
 * Answers one row per object and the space reclaimed, from the plan's sizes.
 */
export async function removePlanned(objects: readonly PlannedObject[], call: HostCall): Promise<Row[]> {
  const engine = await call.engine();
  let users: Map<string, string> | undefined;
  const rows: RemoveRow[] = [];
  let freed = 0;
  let removed = 0;
  for (const o of objects) {
    let outcome: Outcome;
    try {
      if (o.kind === 'container') await engine.containers.remove(o.id);
      else if (o.kind === 'network') await engine.networks.remove(o.id);
      else if (o.kind === 'volume') await engine.volumes.remove(o.id);
      if (o.kind === 'image') {
        users ??= await imageUsers(engine);
        outcome = await removeImage(call, engine, o, users);
      } else outcome = { result: 'removed' };
    } catch (error) {
      // Cancelled or past the deadline: stop here rather than report every later object.
      if (call.signal.aborted) throw error;
      const line = errorLine(error);
      outcome = { result: 'skipped', note: line.code === 'NOT_FOUND' ? 'already gone' : line.message };
    }
    if (outcome.result === 'removed') {
      removed += 1;
      freed += o.bytes ?? 0;
    }
    rows.push({ ...objectRow(o), ...outcome });
  }
  const skipped = objects.length - removed;
  const total: RemoveRow = {
    kind: 'total',
    result: 'removed',
    count: removed,
    size: humanSize(freed),
    ...(skipped > 0 ? { note: `${skipped} not removed: see their rows` } : {}),
  };
  // When rows are cut, the ones not removed are the ones to read.
  const first = rows.length > SHOWN ? rows.filter((r) => r.result !== 'removed') : [];
  return capped(first.length > 0 ? [...first, ...rows.filter((r) => r.result === 'removed')] : rows, total);
}
