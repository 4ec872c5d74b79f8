import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { engineRequest, pathOf } from './engine-request.js';
import { engineFilters, type LabelFilter } from './filters.js';
import { assertLabels, assertRef } from './input-guards.js';
import { DEFAULT_PRUNE_TIMEOUT_MS, PRUNE_RUNNING, type PruneResult } from './prune-result.js';

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  subnets: string[];
  created?: string;
}

export interface NetworkFilters {
  label?: LabelFilter;
  name?: string | string[];
  driver?: string;
  id?: string | string[];
  type?: 'custom' | 'builtin';
  dangling?: boolean;
}

function summarize(n: Docker.NetworkInspectInfo): NetworkSummary {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal === true,
    attachable: n.Attachable === true,
    labels: n.Labels ?? {},
    subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
    ...(n.Created ? { created: n.Created } : {}),
  };
}

/** Lists networks with one engine call, sorted by name. */
export async function listNetworks(
  docker: Docker,
  options: CallOptions & { filters?: NetworkFilters } = {},
): Promise<NetworkSummary[]> {
  const f = options.filters ?? {};
  const raw = await engineRequest<Docker.NetworkInspectInfo[]>(
    docker,
    {
      method: 'GET',
      path: '/networks',
      query: {
        filters: engineFilters({
          label: f.label,
          name: f.name,
          driver: f.driver,
          id: f.id,
          type: f.type,
          dangling: f.dangling,
        }),
      },
      what: 'list networks',
      data: { resource: 'network', operation: 'network.list' },
    },
    options,
  );
  return raw.map(summarize).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export async function inspectNetwork(
  docker: Docker,
  network: string,
  options: CallOptions = {},
): Promise<Docker.NetworkInspectInfo> {
  const ref = assertRef('network', network);
  return engineRequest<Docker.NetworkInspectInfo>(
    docker,
    {
      method: 'GET',
      path: pathOf`/networks/${ref}`,
      what: `inspect network ${ref}`,
      data: { resource: 'network', ref, operation: 'network.inspect' },
    },
    options,
  );
}

export interface NetworkSpec {
  name: string;
  /** Default `bridge`. */
  driver?: string;
  labels?: Record<string, string>;
  /** No route to the outside world. */
  internal?: boolean;
  attachable?: boolean;
  /** CIDR subnet, e.g. `10.99.0.0/24`; the engine picks one when absent. */
  subnet?: string;
}

export async function createNetwork(
  docker: Docker,
  spec: NetworkSpec,
  options: CallOptions = {},
): Promise<{ id: string; warning?: string }> {
  const name = assertRef('network', spec.name);
  const created = await engineRequest<{ Id: string; Warning?: string }>(
    docker,
    {
      method: 'POST',
      path: '/networks/create',
      body: {
        Name: name,
        // The engine otherwise happily creates a second network with the same name.
        CheckDuplicate: true,
        Driver: spec.driver === undefined ? 'bridge' : assertRef('network driver', spec.driver),
        Internal: spec.internal === true,
        Attachable: spec.attachable === true,
        Labels: assertLabels(spec.labels) ?? {},
        ...(spec.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: spec.subnet }] } } : {}),
      },
      what: `create network ${name}`,
      data: { resource: 'network', ref: name, operation: 'network.create' },
    },
    options,
  );
  return { id: created.Id, ...(created.Warning ? { warning: created.Warning } : {}) };
}

export async function removeNetwork(
  docker: Docker,
  network: string,
  options: CallOptions = {},
): Promise<void> {
  const ref = assertRef('network', network);
  await engineRequest(
    docker,
    {
      method: 'DELETE',
      path: pathOf`/networks/${ref}`,
      what: `remove network ${ref}`,
      data: { resource: 'network', ref, operation: 'network.remove' },
    },
    options,
  );
}

export async function pruneNetworks(
  docker: Docker,
  options: CallOptions & { filters?: { label?: LabelFilter } } = {},
): Promise<PruneResult> {
  const result = await engineRequest<{ NetworksDeleted?: string[] | null }>(
    docker,
    {
      method: 'POST',
      path: '/networks/prune',
      query: { filters: engineFilters({ label: options.filters?.label }) },
      what: 'prune networks',
      refusedWhileBusy: PRUNE_RUNNING,
      data: { resource: 'network', operation: 'network.prune' },
    },
    options,
    DEFAULT_PRUNE_TIMEOUT_MS,
  );
  return { removed: result.NetworksDeleted ?? [], spaceReclaimedBytes: 0 };
}

/**
 * Attaches a container to a network, with optional aliases. The network is resolved by
 * inspect first and connected by its id: some engines (20.10) match a connect's network
 * name loosely (`BRIDGE` finds `bridge`) but record the endpoint under the name as typed,
 * and the container then fails to start with "network BRIDGE not found".
 */
export async function connectNetwork(
  docker: Docker,
  network: string,
  container: string,
  options: CallOptions & { aliases?: string[] } = {},
): Promise<void> {
  const target = assertRef('container', container);
  const aliases = options.aliases?.map((a) => assertRef('alias', a));
  const { Id: ref } = await inspectNetwork(docker, network, options);
  await engineRequest(
    docker,
    {
      method: 'POST',
      path: pathOf`/networks/${ref}/connect`,
      body: { Container: target, ...(aliases ? { EndpointConfig: { Aliases: aliases } } : {}) },
      what: `connect container ${target} to network ${ref}`,
      data: { resource: 'network', ref, container: target, operation: 'network.connect' },
    },
    options,
  );
}

export async function disconnectNetwork(
  docker: Docker,
  network: string,
  container: string,
  options: CallOptions & { force?: boolean } = {},
): Promise<void> {
  const ref = assertRef('network', network);
  const target = assertRef('container', container);
  await engineRequest(
    docker,
    {
      method: 'POST',
      path: pathOf`/networks/${ref}/disconnect`,
      body: { Container: target, Force: options.force === true },
      what: `disconnect container ${target} from network ${ref}`,
      data: { resource: 'network', ref, container: target, operation: 'network.disconnect' },
    },
    options,
  );
}
