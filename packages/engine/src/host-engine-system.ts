import { type BoundTarget, callsOn } from './bound-call.js';
import type { CallOptions } from './call-options.js';
import { type DiskUsage, diskUsage } from './disk-usage.js';
import { DEFAULT_DISK_USAGE_TIMEOUT_MS, type DiskUsageDetail, diskUsageDetail } from './disk-usage-detail.js';
import { type EngineEvent, type EventOptions, streamEvents } from './events.js';
import type { LabelFilter } from './filters.js';
import { DEFAULT_PRUNE_TIMEOUT_MS, type PruneResult } from './prune-result.js';
import {
  type EngineVersion,
  engineInfo,
  engineVersion,
  pingEngine,
  pruneContainers,
  type SystemPruneOptions,
  type SystemPruneResult,
  systemPrune,
} from './system.js';

/** Engine-wide calls of one host; each method is the free function of the same name, bound. */
export interface HostSystem {
  ping(options?: CallOptions): Promise<void>;
  /** `docker info`, raw. */
  info(options?: CallOptions): Promise<Record<string, unknown>>;
  version(options?: CallOptions): Promise<EngineVersion>;
  /** `docker system df`: count, active, size and reclaimable bytes per kind. */
  diskUsage(options?: CallOptions): Promise<DiskUsage>;
  /** `docker system df -v`: every container, image, volume and cache entry with its size. */
  diskUsageDetail(options?: CallOptions): Promise<DiskUsageDetail>;
  /** Ends when `until` passes, a signal aborts or the loop breaks. */
  events(options?: EventOptions): AsyncGenerator<EngineEvent, void, undefined>;
  /** `docker system prune`: containers, networks, images (and volumes when asked). */
  prune(options?: SystemPruneOptions): Promise<SystemPruneResult>;
  pruneContainers(
    options?: CallOptions & { filters?: { label?: LabelFilter; until?: string } },
  ): Promise<PruneResult>;
}

export function hostSystem(target: BoundTarget): HostSystem {
  const { docker } = target;
  const call = callsOn(target);
  return {
    ping: (options) => pingEngine(docker, call(options)),
    info: (options) => engineInfo(docker, call(options)),
    version: (options) => engineVersion(docker, call(options)),
    diskUsage: (options) => diskUsage(docker, call(options, DEFAULT_DISK_USAGE_TIMEOUT_MS)),
    diskUsageDetail: (options) => diskUsageDetail(docker, call(options, DEFAULT_DISK_USAGE_TIMEOUT_MS)),
    events: (options) => streamEvents(docker, call(options)),
    prune: (options) => systemPrune(docker, call(options, DEFAULT_PRUNE_TIMEOUT_MS)),
    pruneContainers: (options) => pruneContainers(docker, call(options, DEFAULT_PRUNE_TIMEOUT_MS)),
  };
}
