import type Docker from 'dockerode';
import { type BoundTarget, callsOn } from './bound-call.js';
import type { CallOptions } from './call-options.js';
import type { LabelFilter } from './filters.js';
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  inspectNetwork,
  listNetworks,
  type NetworkFilters,
  type NetworkSpec,
  type NetworkSummary,
  pruneNetworks,
  removeNetwork,
} from './networks.js';
import { DEFAULT_PRUNE_TIMEOUT_MS, type PruneResult } from './prune-result.js';

/** Networks of one host; each method is the free function of the same name, bound. */
export interface HostNetworks {
  /** Sorted by name. */
  list(options?: CallOptions & { filters?: NetworkFilters }): Promise<NetworkSummary[]>;
  inspect(network: string, options?: CallOptions): Promise<Docker.NetworkInspectInfo>;
  create(spec: NetworkSpec, options?: CallOptions): Promise<{ id: string; warning?: string }>;
  remove(network: string, options?: CallOptions): Promise<void>;
  connect(network: string, container: string, options?: CallOptions & { aliases?: string[] }): Promise<void>;
  disconnect(network: string, container: string, options?: CallOptions & { force?: boolean }): Promise<void>;
  prune(options?: CallOptions & { filters?: { label?: LabelFilter } }): Promise<PruneResult>;
}

export function hostNetworks(target: BoundTarget): HostNetworks {
  const { docker } = target;
  const call = callsOn(target);
  return {
    list: (options) => listNetworks(docker, call(options)),
    inspect: (network, options) => inspectNetwork(docker, network, call(options)),
    create: (spec, options) => createNetwork(docker, spec, call(options)),
    remove: (network, options) => removeNetwork(docker, network, call(options)),
    connect: (network, container, options) => connectNetwork(docker, network, container, call(options)),
    disconnect: (network, container, options) => disconnectNetwork(docker, network, container, call(options)),
    prune: (options) => pruneNetworks(docker, call(options, DEFAULT_PRUNE_TIMEOUT_MS)),
  };
}
