import type Docker from 'dockerode';
import { type BoundTarget, callsOn } from './bound-call.js';
import type { CallOptions } from './call-options.js';
import type { LabelFilter } from './filters.js';
import { DEFAULT_PRUNE_TIMEOUT_MS, type PruneResult } from './prune-result.js';
import {
  createVolume,
  inspectVolume,
  listVolumes,
  pruneVolumes,
  removeVolume,
  type VolumeFilters,
  type VolumeSpec,
  type VolumeSummary,
} from './volumes.js';

/** Volumes of one host; each method is the free function of the same name, bound. */
export interface HostVolumes {
  /** Sorted by name. */
  list(
    options?: CallOptions & { filters?: VolumeFilters },
  ): Promise<{ volumes: VolumeSummary[]; warnings: string[] }>;
  inspect(volume: string, options?: CallOptions): Promise<Docker.VolumeInspectInfo & { CreatedAt?: string }>;
  create(spec?: VolumeSpec, options?: CallOptions): Promise<VolumeSummary>;
  remove(volume: string, options?: CallOptions & { force?: boolean }): Promise<void>;
  prune(options?: CallOptions & { filters?: { label?: LabelFilter } }): Promise<PruneResult>;
}

export function hostVolumes(target: BoundTarget): HostVolumes {
  const { docker } = target;
  const call = callsOn(target);
  return {
    list: (options) => listVolumes(docker, call(options)),
    inspect: (volume, options) => inspectVolume(docker, volume, call(options)),
    create: (spec, options) => createVolume(docker, spec, call(options)),
    remove: (volume, options) => removeVolume(docker, volume, call(options)),
    prune: (options) => pruneVolumes(docker, call(options, DEFAULT_PRUNE_TIMEOUT_MS)),
  };
}
