import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { engineRequest } from './engine-request.js';
import type { LabelFilter } from './filters.js';
import { engineFilters } from './filters.js';
import { pruneImages } from './images.js';
import { pruneNetworks } from './networks.js';
import { DEFAULT_PRUNE_TIMEOUT_MS, PRUNE_RUNNING, type PruneResult } from './prune-result.js';
import { pruneVolumes } from './volumes.js';

/** Resolves when the engine answers `GET /_ping`: the cheapest proof that it is there. */
export async function pingEngine(docker: Docker, options: CallOptions = {}): Promise<void> {
  await engineRequest(docker, { method: 'GET', path: '/_ping', what: 'ping the engine' }, options);
}

/** `docker info`: engine-wide facts (the raw answer; fields differ between engine versions). */
export function engineInfo(docker: Docker, options: CallOptions = {}): Promise<Record<string, unknown>> {
  return engineRequest(docker, { method: 'GET', path: '/info', what: 'read engine info' }, options);
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
  minApiVersion?: string;
  os: string;
  arch: string;
  kernelVersion?: string;
  raw: Record<string, unknown>;
}

export async function engineVersion(docker: Docker, options: CallOptions = {}): Promise<EngineVersion> {
  const raw = await engineRequest<Record<string, unknown>>(
    docker,
    { method: 'GET', path: '/version', what: 'read engine version' },
    options,
  );
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  return {
    version: text('Version') ?? '',
    apiVersion: text('ApiVersion') ?? '',
    ...(text('MinAPIVersion') ? { minApiVersion: text('MinAPIVersion') } : {}),
    os: text('Os') ?? '',
    arch: text('Arch') ?? '',
    ...(text('KernelVersion') ? { kernelVersion: text('KernelVersion') } : {}),
    raw,
  };
}

export async function pruneContainers(
  docker: Docker,
  options: CallOptions & { filters?: { label?: LabelFilter; until?: string } } = {},
): Promise<PruneResult> {
  const result = await engineRequest<{ ContainersDeleted?: string[] | null; SpaceReclaimed?: number }>(
    docker,
    {
      method: 'POST',
      path: '/containers/prune',
      query: { filters: engineFilters({ label: options.filters?.label, until: options.filters?.until }) },
      what: 'prune containers',
      refusedWhileBusy: PRUNE_RUNNING,
      data: { resource: 'container', operation: 'container.prune' },
    },
    options,
    DEFAULT_PRUNE_TIMEOUT_MS,
  );
  return { removed: result.ContainersDeleted ?? [], spaceReclaimedBytes: result.SpaceReclaimed ?? 0 };
}

export interface SystemPruneOptions extends CallOptions {
  /** Also remove unused volumes (never by default, as `docker system prune`). */
  volumes?: boolean;
  /** Remove every unused image, not only dangling ones. */
  allImages?: boolean;
  filters?: { label?: LabelFilter };
}

export interface SystemPruneResult {
  containers: PruneResult;
  networks: PruneResult;
  images: PruneResult;
  volumes?: PruneResult;
  spaceReclaimedBytes: number;
}

/**
 * `docker system prune`: stopped containers, then unused networks, then images (and
 * volumes when asked), in the CLI's order so that what a pruned container held is free.
 */
export async function systemPrune(
  docker: Docker,
  options: SystemPruneOptions = {},
): Promise<SystemPruneResult> {
  const call = { ...options };
  const containers = await pruneContainers(docker, call);
  const networks = await pruneNetworks(docker, call);
  const volumes = options.volumes === true ? await pruneVolumes(docker, call) : undefined;
  const images = await pruneImages(docker, { ...call, all: options.allImages === true });
  const spaceReclaimedBytes =
    containers.spaceReclaimedBytes + images.spaceReclaimedBytes + (volumes?.spaceReclaimedBytes ?? 0);
  return { containers, networks, images, ...(volumes ? { volumes } : {}), spaceReclaimedBytes };
}
