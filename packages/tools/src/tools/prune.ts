import {
  listContainers,
  listImages,
  listNetworks,
  listVolumes,
  type PruneResult,
  pruneContainers,
  pruneImages,
  pruneNetworks,
  pruneVolumes,
} from '@berth/engine';
import type Docker from 'dockerode';
import { ToolError } from '../framework/tool-error.js';
import type { Row } from '../framework/tool-output.js';
import type { HostCall } from '../framework/tool-spec.js';
import { engineUntil, untilCutoff } from './prune-until.js';
import type { ResourceKind } from './resource-kind.js';

export interface PruneParams {
  kind: ResourceKind;
  label?: string[] | undefined;
  until?: string | undefined;
  all?: boolean | undefined;
}

const STOPPED = ['created', 'exited', 'dead'] as const;
// Ids shortened as the CLI shows them; names (and "Untagged" references) kept whole.
const short = (id: string) =>
  /^(sha256:)?[0-9a-f]{64}$/.test(id) ? id.replace(/^sha256:/, '').slice(0, 12) : id;

/** Checks the params that only some kinds take, before the engine or the user is asked. */
export function checkPrune(p: PruneParams): void {
  if (p.until !== undefined && (p.kind === 'volume' || p.kind === 'network')) {
    throw new ToolError('INVALID', `until applies to kind container or image, not ${p.kind}`);
  }
  if (p.all !== undefined && p.kind !== 'image') {
    throw new ToolError('INVALID', 'all applies to kind image only (every unused image, not only dangling)');
  }
}

/**
 * What a prune would remove, listed with the engine's list calls and the same filters the
 * prune gets (dry run and the confirmation question).
 */
export async function prunePlan(p: PruneParams, call: HostCall, now = new Date()): Promise<Row[]> {
  checkPrune(p);
  const docker = await call.docker();
  const o = { signal: call.signal };
  const label = p.label;
  const cutoff = p.until === undefined ? Number.POSITIVE_INFINITY : (untilCutoff(p.until, now) ?? 0);
  const old = (createdSeconds: number) => createdSeconds * 1000 < cutoff;
  switch (p.kind) {
    case 'container': {
      const { items } = await listContainers(docker, {
        ...o,
        filters: { status: [...STOPPED], ...(label ? { label } : {}) },
      });
      return items
        .filter((c) => old(c.created))
        .map((c) => ({ prune: 'container', name: c.name, id: short(c.id), state: c.state }));
    }
    case 'image': {
      const used = new Set((await listContainers(docker, { ...o, all: true })).items.map((c) => c.imageId));
      const { items } = await listImages(docker, {
        ...o,
        filters: { ...(p.all === true ? {} : { dangling: true }), ...(label ? { label } : {}) },
      });
      return items
        .filter((i) => !used.has(i.id) && old(i.created))
        .map((i) => ({ prune: 'image', name: i.repoTags.join(',') || '<none>', id: short(i.id) }));
    }
    case 'volume': {
      const { volumes } = await listVolumes(docker, {
        ...o,
        filters: { dangling: true, ...(label ? { label } : {}) },
      });
      return volumes.map((v) => ({ prune: 'volume', name: v.name }));
    }
    case 'network': {
      const list = await listNetworks(docker, {
        ...o,
        filters: { dangling: true, type: 'custom', ...(label ? { label } : {}) },
      });
      return list.map((n) => ({ prune: 'network', name: n.name, id: short(n.id) }));
    }
  }
}

function engineCall(p: PruneParams, docker: Docker, signal: AbortSignal, now: Date): Promise<PruneResult> {
  const label = p.label ? { label: p.label } : {};
  const cutoff = p.until === undefined ? undefined : untilCutoff(p.until, now);
  const until = cutoff === undefined ? {} : { until: engineUntil(cutoff) };
  switch (p.kind) {
    case 'container':
      return pruneContainers(docker, { signal, filters: { ...label, ...until } });
    case 'image':
      return pruneImages(docker, { signal, all: p.all === true, filters: { ...label, ...until } });
    case 'volume':
      return pruneVolumes(docker, { signal, filters: label });
    case 'network':
      return pruneNetworks(docker, { signal, filters: label });
  }
}

const SHOWN = 50;

/** Prunes one kind; answers with what the engine removed and the space it freed. */
export async function runPrune(p: PruneParams, call: HostCall, now = new Date()): Promise<Row> {
  checkPrune(p);
  const docker = await call.docker();
  const result = await engineCall(p, docker, call.signal, now);
  const removed = result.removed.map(short);
  return {
    kind: p.kind,
    count: removed.length,
    reclaimedMb: Math.round((result.spaceReclaimedBytes / 1024 ** 2) * 10) / 10,
    removed:
      removed.length > SHOWN ? [...removed.slice(0, SHOWN), `+${removed.length - SHOWN} more`] : removed,
  };
}
