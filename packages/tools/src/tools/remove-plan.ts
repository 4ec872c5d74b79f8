import type { HostEngine } from '@berth/engine';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import type { Row } from '../framework/tool-output.js';
import type { Plan } from '../framework/tool-spec.js';
import { BUILTIN_NETWORKS } from './cleanup-plan.js';
import { shortId } from './prune.js';
import { withTag } from './refs.js';
import { type ResourceKind, withSuggestions } from './resource-kind.js';
import { humanSize } from './sizes.js';

export interface RemoveParams {
  kind: ResourceKind;
  id: string;
  force?: boolean | undefined;
  volumes?: boolean | undefined;
}

/** What `run` removes, by full id (volumes: by name); `tag`: only that name of the image. */
interface Removal {
  kind: ResourceKind;
  id: string;
  tag?: string;
  force: boolean;
  volumes: boolean;
}

/** The parts of a container's inspect answer that tell named from anonymous volumes. */
export interface ContainerMounts {
  HostConfig: { Binds?: string[] | null; Mounts?: Array<{ Source?: string }> | null };
  Mounts: Array<{ Type?: string; Name?: string }>;
}

/** Volumes the engine removes with the container (`v`): the anonymous ones, never named ones. */
export function anonymousVolumes(info: ContainerMounts): string[] {
  const named = new Set<string>();
  for (const bind of info.HostConfig.Binds ?? []) named.add(bind.split(':')[0] ?? '');
  for (const mount of info.HostConfig.Mounts ?? []) if (mount.Source) named.add(mount.Source);
  return info.Mounts.flatMap((m) => (m.Type === 'volume' && m.Name && !named.has(m.Name) ? [m.Name] : []));
}

const realTags = (tags: string[] | undefined) => (tags ?? []).filter((t) => !t.startsWith('<none>'));

async function containersUsing(
  engine: HostEngine,
  uses: (c: { imageId: string; mounts: { name?: string }[] }) => boolean,
) {
  return (await engine.containers.list({ all: true })).items.filter(uses).map((c) => c.name);
}

function plan(rows: Row[], targets: string[], data: Removal): Plan {
  return { rows, targets, data };
}

/**
 * Exactly what removing `id` would do, read from the engine: the container (and with
 * `volumes: true` its anonymous volumes), an image or only one of its tags, a volume, a
 * network; with what would block it. A missing name fails here, with the closest names.
 */
export async function removePlan(p: RemoveParams, call: HostCall): Promise<Plan> {
  const force = p.force === true;
  const base = { kind: p.kind, force, volumes: p.volumes === true };
  switch (p.kind) {
    case 'container': {
      const c = await withSuggestions('container', p.id, call, (e) => e.containers.inspect(p.id));
      const running = c.State.Running || c.State.Paused || c.State.Restarting;
      const anonymous = p.volumes === true ? anonymousVolumes(c) : [];
      const rows: Row[] = [
        {
          kind: 'container',
          id: shortId(c.Id),
          name: c.Name.replace(/^\//, ''),
          note: running && !force ? `${c.State.Status}: stop it first or pass force` : c.State.Status,
        },
        ...anonymous.map((v) => ({
          kind: 'volume',
          id: shortId(v),
          name: v,
          note: 'anonymous, with the container',
        })),
      ];
      return plan(rows, [`container ${c.Id}`, ...anonymous.map((v) => `volume ${v}`)], { ...base, id: c.Id });
    }
    case 'image': {
      const i = await withSuggestions('image', p.id, call, (e) => e.images.inspect(p.id));
      const tags = realTags(i.RepoTags);
      const tag = withTag(p.id);
      // Naming one tag of an image that has others only takes that name away.
      if (tags.includes(tag) && tags.length > 1) {
        const rows = [
          { kind: 'tag', id: shortId(i.Id), name: tag, note: `image keeps ${tags.length - 1} other tags` },
        ];
        return plan(rows, [`image ${i.Id} tag ${tag}`], { ...base, id: i.Id, tag });
      }
      const users = await containersUsing(await call.engine(), (c) => c.imageId === i.Id);
      const notes = [
        ...(users.length > 0
          ? [`used by container ${users.join(', ')}${force ? '' : ': remove it first or pass force'}`]
          : []),
        ...(tags.length > 1 && !force ? [`has ${tags.length} tags: name one, or pass force for all`] : []),
      ];
      const row = {
        kind: 'image',
        id: shortId(i.Id),
        name: tags.join(', ') || '<none>',
        size: humanSize(i.Size),
      };
      return plan([{ ...row, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) }], [`image ${i.Id}`], {
        ...base,
        id: i.Id,
      });
    }
    case 'volume': {
      const v = await withSuggestions('volume', p.id, call, (e) => e.volumes.inspect(p.id));
      const users = await containersUsing(await call.engine(), (c) =>
        c.mounts.some((m) => m.name === v.Name),
      );
      const note = users.length > 0 ? { note: `used by container ${users.join(', ')}: remove it first` } : {};
      return plan([{ kind: 'volume', id: v.Name, name: v.Name, ...note }], [`volume ${v.Name}`], {
        ...base,
        id: v.Name,
      });
    }
    case 'network': {
      const n = await withSuggestions('network', p.id, call, (e) => e.networks.inspect(p.id));
      // The engine refuses to remove its own networks: no plan, no token for the impossible.
      if (BUILTIN_NETWORKS.has(n.Name)) {
        throw new ToolError('INVALID', `${n.Name} is one of the engine's own networks; it cannot be removed`);
      }
      const attached = Object.values(n.Containers ?? {}).map((c) => c.Name);
      const note =
        attached.length > 0 ? { note: `in use by ${attached.join(', ')}: disconnect them first` } : {};
      return plan([{ kind: 'network', id: shortId(n.Id), name: n.Name, ...note }], [`network ${n.Id}`], {
        ...base,
        id: n.Id,
      });
    }
  }
}

/** Does exactly a confirmed single-object plan, by the ids the plan read. */
export async function runRemoval(plan: Plan | undefined, call: HostCall): Promise<Row[]> {
  const r = plan?.data as Removal | undefined;
  if (!plan || !r) throw new ToolError('INVALID', 'remove runs only with its plan');
  const engine = await call.engine();
  if (r.kind === 'container') await engine.containers.remove(r.id, { force: r.force, volumes: r.volumes });
  else if (r.kind === 'image' && r.tag !== undefined) {
    const now = await engine.images.inspect(r.tag);
    // The tag moved or became the image's last name: removing it now would do more than planned.
    if (now.Id !== r.id || realTags(now.RepoTags).length < 2) {
      throw new ToolError(
        'PLAN_CHANGED',
        `${call.host.name}: ${r.tag} changed since the plan; nothing was removed, call again`,
      );
    }
    await engine.images.remove(r.tag);
  } else if (r.kind === 'image') await engine.images.remove(r.id, { force: r.force });
  else if (r.kind === 'volume') await engine.volumes.remove(r.id, { force: r.force });
  else await engine.networks.remove(r.id);
  return plan.rows.map(({ note: _note, ...row }) => ({ ...row, result: 'removed' }));
}
