import { inspectNetwork, listNetworks } from '@berth/engine';
import type { Row } from '../framework/tool-output.js';
import type { HostCall } from '../framework/tool-spec.js';
import { withSuggestions } from './resource-kind.js';
import type { ListFilter } from './resource-rows.js';

/** Networks by name: one engine call. */
export async function networkRows(filter: ListFilter, call: HostCall): Promise<Row[]> {
  const docker = await call.docker();
  const list = await listNetworks(docker, {
    signal: call.signal,
    filters: {
      ...(filter.label ? { label: filter.label } : {}),
      ...(filter.name ? { name: filter.name } : {}),
    },
  });
  return list.map((n) => ({
    name: n.name,
    id: n.id.slice(0, 12),
    driver: n.driver,
    scope: n.scope,
    internal: n.internal,
    subnets: n.subnets.join(','),
  }));
}

/** One network: its settings and the containers attached to it. */
export async function networkInfo(ref: string, call: HostCall): Promise<Row> {
  const docker = await call.docker();
  const n = await withSuggestions('network', ref, docker, call.host.name, call.signal, () =>
    inspectNetwork(docker, ref, { signal: call.signal }),
  );
  return {
    name: n.Name,
    id: n.Id.slice(0, 12),
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal === true,
    attachable: n.Attachable === true,
    subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])),
    containers: Object.values(n.Containers ?? {}).map((c) => ({ name: c.Name, ipv4: c.IPv4Address })),
    labels: n.Labels ?? {},
  };
}
