import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import type { Row } from '../framework/tool-output.js';
import { withSuggestions } from './resource-kind.js';
import { createdField, type ListFilter, shortId } from './resource-rows.js';

export const networkListRow = z.object({
  name: z.string(),
  id: z.string(),
  driver: z.string(),
  scope: z.string(),
  internal: z.boolean(),
  subnets: z.string(),
  created: z.string().optional(),
});

export const networkInfoRow = networkListRow.extend({
  attached: z.array(z.string()).describe('"name address"'),
  labels: z.record(z.string(), z.string()),
});

/** Networks of one host, one engine call. */
export async function networkRows(filter: ListFilter, call: HostCall): Promise<Row[]> {
  const engine = await call.engine();
  const list = await engine.networks.list({
    filters: {
      ...(filter.label ? { label: filter.label } : {}),
      ...(filter.name ? { name: filter.name } : {}),
    },
  });
  return list.map((n) => ({
    name: n.name,
    id: shortId(n.id),
    driver: n.driver,
    scope: n.scope,
    internal: n.internal,
    subnets: n.subnets.join(','),
    ...createdField(n.created),
  }));
}

/** One network: its settings and the containers attached to it. */
export async function networkInfo(ref: string, call: HostCall): Promise<Row> {
  const n = await withSuggestions('network', ref, call, (engine) => engine.networks.inspect(ref));
  return {
    name: n.Name,
    id: shortId(n.Id),
    driver: n.Driver,
    scope: n.Scope,
    internal: n.Internal === true,
    subnets: (n.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : [])).join(','),
    ...createdField(n.Created),
    attached: Object.values(n.Containers ?? {}).map((c) => `${c.Name} ${c.IPv4Address || '-'}`),
    labels: n.Labels ?? {},
  };
}
