/** The cleanup levels; each removes what the one before does, and more. */
export const CLEANUP_LEVELS = ['safe', 'moderate', 'aggressive'] as const;
export type CleanupLevel = (typeof CLEANUP_LEVELS)[number];

/** Stopped containers younger than this are kept: someone may still want their logs. */
export const MIN_AGE_HOURS = 24;

/** The parts of `GET /system/df` (and the network list) a plan needs. */
export interface DfSnapshot {
  Containers?: Array<{
    Id: string;
    Names?: string[];
    ImageID?: string;
    State?: string;
    Created?: number;
    SizeRw?: number;
    Mounts?: Array<{ Type?: string; Name?: string }>;
    NetworkSettings?: { Networks?: Record<string, { NetworkID?: string }> | null };
  }> | null;
  Images?: Array<{ Id: string; RepoTags?: string[] | null; Size?: number; SharedSize?: number }> | null;
  Volumes?: Array<{ Name: string; UsageData?: { Size?: number } | null }> | null;
}

export interface NetworkInfo {
  id: string;
  name: string;
}

export interface PlanPart {
  kind: 'containers' | 'networks' | 'images' | 'volumes';
  names: string[];
  bytes: number;
}

const STOPPED = new Set(['exited', 'dead', 'created']);
const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none']);
const positive = (n: number | undefined) => Math.max(0, n ?? 0);

/**
 * What a cleanup level would remove, in the order the engine prunes (containers first,
 * so what they held counts as unused):
 * - safe: stopped (exited, dead, created) containers created at least `hours` ago,
 *   dangling (untagged) images no remaining container uses, custom networks no remaining
 *   container is attached to;
 * - moderate: safe, plus every image no remaining container uses;
 * - aggressive: moderate, plus every volume no remaining container mounts.
 */
export function cleanupPlan(
  level: CleanupLevel,
  df: DfSnapshot,
  networks: readonly NetworkInfo[],
  options: { hours: number; nowSeconds: number },
): PlanPart[] {
  const cutoff = options.nowSeconds - options.hours * 3600;
  const all = df.Containers ?? [];
  const pruned = all.filter((c) => STOPPED.has(c.State ?? '') && (c.Created ?? 0) <= cutoff);
  const prunedIds = new Set(pruned.map((c) => c.Id));
  const remaining = all.filter((c) => !prunedIds.has(c.Id));
  const usedImages = new Set(remaining.map((c) => c.ImageID));
  const usedVolumes = new Set(remaining.flatMap((c) => (c.Mounts ?? []).map((m) => m.Name)));
  const usedNetworks = new Set(
    remaining.flatMap((c) =>
      Object.entries(c.NetworkSettings?.Networks ?? {}).flatMap(([n, v]) => [n, v.NetworkID]),
    ),
  );
  const dangling = (tags: string[] | null | undefined) =>
    (tags ?? []).filter((t) => t !== '<none>:<none>').length === 0;
  const images = (df.Images ?? []).filter(
    (i) => !usedImages.has(i.Id) && (level !== 'safe' || dangling(i.RepoTags)),
  );
  const parts: PlanPart[] = [
    {
      kind: 'containers',
      names: pruned.map((c) => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')),
      bytes: pruned.reduce((sum, c) => sum + positive(c.SizeRw), 0),
    },
    {
      kind: 'networks',
      names: networks
        .filter((n) => !BUILTIN_NETWORKS.has(n.name) && !usedNetworks.has(n.name) && !usedNetworks.has(n.id))
        .map((n) => n.name),
      bytes: 0,
    },
    {
      kind: 'images',
      names: images.map((i) =>
        dangling(i.RepoTags) ? i.Id.replace(/^sha256:/, '').slice(0, 12) : (i.RepoTags?.[0] ?? i.Id),
      ),
      bytes: images.reduce((sum, i) => sum + positive(positive(i.Size) - positive(i.SharedSize)), 0),
    },
  ];
  if (level === 'aggressive') {
    const volumes = (df.Volumes ?? []).filter((v) => !usedVolumes.has(v.Name));
    parts.push({
      kind: 'volumes',
      names: volumes.map((v) => v.Name),
      bytes: volumes.reduce((sum, v) => sum + positive(v.UsageData?.Size), 0),
    });
  }
  return parts;
}

export { toMb } from './engine-rows.js';
