import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { engineRequest, pathOf } from './engine-request.js';
import { engineFilters, type LabelFilter } from './filters.js';
import { assertLabels, assertRef } from './input-guards.js';
import { DEFAULT_PRUNE_TIMEOUT_MS, PRUNE_RUNNING, type PruneResult } from './prune-result.js';

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint: string;
  labels: Record<string, string>;
  scope: string;
  createdAt?: string;
}

export interface VolumeFilters {
  label?: LabelFilter;
  name?: string | string[];
  /** Only volumes no container uses (true) or only used ones (false). */
  dangling?: boolean;
  driver?: string;
}

type RawVolume = Docker.VolumeInspectInfo & { CreatedAt?: string };

function summarize(v: RawVolume): VolumeSummary {
  return {
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    labels: v.Labels ?? {},
    scope: v.Scope,
    ...(v.CreatedAt ? { createdAt: v.CreatedAt } : {}),
  };
}

/** Lists volumes with one engine call, sorted by name. */
export async function listVolumes(
  docker: Docker,
  options: CallOptions & { filters?: VolumeFilters } = {},
): Promise<{ volumes: VolumeSummary[]; warnings: string[] }> {
  const f = options.filters ?? {};
  const raw = await engineRequest<{ Volumes: RawVolume[] | null; Warnings: string[] | null }>(
    docker,
    {
      method: 'GET',
      path: '/volumes',
      query: {
        filters: engineFilters({ label: f.label, name: f.name, dangling: f.dangling, driver: f.driver }),
      },
      what: 'list volumes',
      data: { resource: 'volume', operation: 'volume.list' },
    },
    options,
  );
  const volumes = (raw.Volumes ?? []).map(summarize).sort((a, b) => (a.name < b.name ? -1 : 1));
  return { volumes, warnings: raw.Warnings ?? [] };
}

export async function inspectVolume(
  docker: Docker,
  volume: string,
  options: CallOptions = {},
): Promise<RawVolume> {
  const ref = assertRef('volume', volume);
  return engineRequest<RawVolume>(
    docker,
    {
      method: 'GET',
      path: pathOf`/volumes/${ref}`,
      what: `inspect volume ${ref}`,
      data: { resource: 'volume', ref, operation: 'volume.inspect' },
    },
    options,
  );
}

export interface VolumeSpec {
  /** Absent: the engine picks a random name. */
  name?: string;
  driver?: string;
  driverOpts?: Record<string, string>;
  labels?: Record<string, string>;
}

export async function createVolume(
  docker: Docker,
  spec: VolumeSpec = {},
  options: CallOptions = {},
): Promise<VolumeSummary> {
  const name = spec.name === undefined ? undefined : assertRef('volume', spec.name);
  const driver = spec.driver === undefined ? undefined : assertRef('volume driver', spec.driver);
  const created = await engineRequest<RawVolume>(
    docker,
    {
      method: 'POST',
      path: '/volumes/create',
      body: {
        ...(name ? { Name: name } : {}),
        ...(driver ? { Driver: driver } : {}),
        DriverOpts: assertLabels(spec.driverOpts) ?? {},
        Labels: assertLabels(spec.labels) ?? {},
      },
      what: `create volume${name ? ` ${name}` : ''}`,
      data: { resource: 'volume', ref: name, operation: 'volume.create' },
    },
    options,
  );
  return summarize(created);
}

export async function removeVolume(
  docker: Docker,
  volume: string,
  options: CallOptions & { force?: boolean } = {},
): Promise<void> {
  const ref = assertRef('volume', volume);
  await engineRequest(
    docker,
    {
      method: 'DELETE',
      path: pathOf`/volumes/${ref}`,
      query: { force: options.force === true },
      what: `remove volume ${ref}`,
      data: { resource: 'volume', ref, operation: 'volume.remove' },
    },
    options,
  );
}

/** Removes volumes no container uses, narrowed by label filters. */
export async function pruneVolumes(
  docker: Docker,
  options: CallOptions & { filters?: { label?: LabelFilter } } = {},
): Promise<PruneResult> {
  const result = await engineRequest<{ VolumesDeleted?: string[] | null; SpaceReclaimed?: number }>(
    docker,
    {
      method: 'POST',
      path: '/volumes/prune',
      query: { filters: engineFilters({ label: options.filters?.label }) },
      what: 'prune volumes',
      refusedWhileBusy: PRUNE_RUNNING,
      data: { resource: 'volume', operation: 'volume.prune' },
    },
    options,
    DEFAULT_PRUNE_TIMEOUT_MS,
  );
  return { removed: result.VolumesDeleted ?? [], spaceReclaimedBytes: result.SpaceReclaimed ?? 0 };
}
