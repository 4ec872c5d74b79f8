import type { DiskUsageContainer, DiskUsageImage, DiskUsageVolume, NetworkSummary } from '@berth/engine';

/** The cleanup levels; each removes what the one before does, and more. */
export const CLEANUP_LEVELS = ['safe', 'moderate', 'aggressive'] as const;
export type CleanupLevel = (typeof CLEANUP_LEVELS)[number];

/** Stopped containers created more recently are kept: someone may still want their logs. */
export const MIN_AGE_HOURS = 24;

export type PruneKind = 'container' | 'image' | 'volume' | 'network';

/** Everything a plan is computed from: `/system/df` per item, the network list, the time. */
export interface CleanupSnapshot {
  containers: Pick<
    DiskUsageContainer,
    'Id' | 'Names' | 'ImageID' | 'State' | 'Created' | 'SizeRw' | 'Labels' | 'Mounts' | 'NetworkSettings'
  >[];
  images: Pick<
    DiskUsageImage,
    'Id' | 'RepoTags' | 'RepoDigests' | 'Created' | 'Size' | 'SharedSize' | 'Labels'
  >[];
  volumes: Pick<DiskUsageVolume, 'Name' | 'Labels' | 'UsageData'>[];
  networks: Pick<NetworkSummary, 'id' | 'name' | 'labels' | 'created'>[];
  /** When the snapshot was taken. */
  now: Date;
}

/** One object a plan removes, with what `run` needs to remove exactly it. */
export interface PlannedObject {
  kind: PruneKind;
  /** Full id (containers, images, networks) or name (volumes): what it is removed by. */
  id: string;
  name: string;
  /** Bytes it frees; undefined when the engine cannot tell (or nothing: networks). */
  bytes?: number;
  /** Images: the tags removed before the id. */
  tags?: string[];
}

export interface PruneScope {
  /** `key` or `key=value`; every one must match. */
  label?: string[] | undefined;
  /** Only what was created before this time. */
  until?: Date | undefined;
  /** Images: every unused one, not only dangling ones. */
  all?: boolean | undefined;
}

const STOPPED = new Set(['created', 'exited', 'dead']);
export const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none']);
const size = (n: number | undefined) => (n === undefined || n < 0 ? undefined : n);

/** The engine's label filter: `key` must exist, `key=value` must be equal. */
export function labelsMatch(
  labels: Record<string, string> | undefined,
  wanted: readonly string[] = [],
): boolean {
  return wanted.every((w) => {
    const at = w.indexOf('=');
    if (at < 0) return labels?.[w] !== undefined;
    return labels?.[w.slice(0, at)] === w.slice(at + 1);
  });
}

const before = (until: Date | undefined, seconds: number | undefined) =>
  until === undefined || (seconds !== undefined && seconds * 1000 < until.getTime());

/** What containers other than `gone` still hold: images, volumes and networks stay. */
function holdings(s: CleanupSnapshot, gone: ReadonlySet<string>) {
  const kept = s.containers.filter((c) => !gone.has(c.Id));
  return {
    images: new Set(kept.map((c) => c.ImageID)),
    volumes: new Set(kept.flatMap((c) => c.Mounts.flatMap((m) => (m.Name ? [m.Name] : [])))),
    networks: new Set(
      kept.flatMap((c) =>
        Object.entries(c.NetworkSettings.Networks).flatMap(([n, v]) =>
          v.NetworkID ? [n, v.NetworkID] : [n],
        ),
      ),
    ),
  };
}

/** Stopped containers (created, exited, dead) in scope. */
export function planContainers(s: CleanupSnapshot, scope: PruneScope = {}): PlannedObject[] {
  return s.containers
    .filter(
      (c) => STOPPED.has(c.State) && before(scope.until, c.Created) && labelsMatch(c.Labels, scope.label),
    )
    .map((c) => ({
      kind: 'container',
      id: c.Id,
      name: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      ...withBytes(size(c.SizeRw)),
    }));
}

/** Custom networks no container (besides `gone`) is attached to. */
export function planNetworks(
  s: CleanupSnapshot,
  scope: PruneScope = {},
  gone = new Set<string>(),
): PlannedObject[] {
  const used = holdings(s, gone).networks;
  const created = (n: { created?: string }) => (n.created ? Date.parse(n.created) / 1000 : undefined);
  return s.networks
    .filter(
      (n) =>
        !BUILTIN_NETWORKS.has(n.name) &&
        !used.has(n.name) &&
        !used.has(n.id) &&
        before(scope.until, created(n)) &&
        labelsMatch(n.labels, scope.label),
    )
    .map((n) => ({ kind: 'network', id: n.id, name: n.name }));
}

/** No tag and no digest: what `docker image prune` calls dangling. */
export function isDangling(i: Pick<DiskUsageImage, 'RepoTags' | 'RepoDigests'>): boolean {
  const real = (refs: string[]) => refs.filter((r) => !r.startsWith('<none>'));
  return real(i.RepoTags).length === 0 && real(i.RepoDigests).length === 0;
}

/** Images no container (besides `gone`) uses: dangling ones, or all with `scope.all`. */
export function planImages(
  s: CleanupSnapshot,
  scope: PruneScope = {},
  gone = new Set<string>(),
): PlannedObject[] {
  const used = holdings(s, gone).images;
  return s.images
    .filter(
      (i) =>
        !used.has(i.Id) &&
        (scope.all === true || isDangling(i)) &&
        before(scope.until, i.Created) &&
        labelsMatch(i.Labels, scope.label),
    )
    .map((i) => {
      const tags = i.RepoTags.filter((t) => !t.startsWith('<none>'));
      // Unique bytes only: layers shared with a kept image stay on disk.
      const total = size(i.Size);
      const bytes = total === undefined ? undefined : Math.max(0, total - (size(i.SharedSize) ?? 0));
      return {
        kind: 'image',
        id: i.Id,
        name: tags[0] ?? '<none>',
        ...withBytes(bytes),
        tags,
      };
    });
}

/** Volumes no container (besides `gone`) mounts, named or anonymous. */
export function planVolumes(
  s: CleanupSnapshot,
  scope: PruneScope = {},
  gone = new Set<string>(),
): PlannedObject[] {
  const used = holdings(s, gone).volumes;
  return s.volumes
    .filter((v) => !used.has(v.Name) && labelsMatch(v.Labels, scope.label))
    .map((v) => ({ kind: 'volume', id: v.Name, name: v.Name, ...withBytes(size(v.UsageData.Size)) }));
}

function withBytes(bytes: number | undefined): { bytes?: number } {
  return bytes === undefined ? {} : { bytes };
}

/** `remove prune` of one kind: what the engine's prune of that kind would remove. */
export function prunePlan(kind: PruneKind, s: CleanupSnapshot, scope: PruneScope = {}): PlannedObject[] {
  switch (kind) {
    case 'container':
      return planContainers(s, scope);
    case 'network':
      return planNetworks(s, scope);
    case 'image':
      return planImages(s, scope);
    case 'volume':
      return planVolumes(s, scope);
  }
}

/**
 * A cleanup level as the composition of per-kind prunes, in the order they run
 * (containers first, so what only they held counts as unused):
 * - safe: stopped containers created ≥ 24 h ago; then networks and dangling images
 *   no remaining container uses;
 * - moderate: the same, with every image no remaining container uses;
 * - aggressive: moderate, plus every volume no remaining container mounts.
 */
export function cleanupPlan(level: CleanupLevel, s: CleanupSnapshot): PlannedObject[] {
  const until = new Date(s.now.getTime() - MIN_AGE_HOURS * 3_600_000);
  const containers = planContainers(s, { until });
  const gone = new Set(containers.map((c) => c.id));
  return [
    ...containers,
    ...planNetworks(s, {}, gone),
    ...planImages(s, { all: level !== 'safe' }, gone),
    ...(level === 'aggressive' ? planVolumes(s, {}, gone) : []),
  ];
}

/** The identity a confirmation token binds to: a changed set of objects changes the token. */
export function planTargets(objects: readonly PlannedObject[]): string[] {
  return objects.map((o) => `${o.kind} ${o.id}`);
}

/** Bytes the plan frees, as far as the engine can tell. */
export function planBytes(objects: readonly PlannedObject[]): number {
  return objects.reduce((sum, o) => sum + (o.bytes ?? 0), 0);
}
