import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import type { Row } from '../framework/tool-output.js';
import { withSuggestions } from './resource-kind.js';
import { createdField, type ListFilter } from './resource-rows.js';

export const volumeListRow = z.object({
  name: z.string(),
  driver: z.string(),
  created: z.string().optional(),
});

export const volumeInfoRow = volumeListRow.extend({
  mountpoint: z.string(),
  scope: z.string(),
  options: z.record(z.string(), z.string()),
  labels: z.record(z.string(), z.string()),
});

/** Volumes of one host, one engine call. */
export async function volumeRows(filter: ListFilter, call: HostCall): Promise<Row[]> {
  const engine = await call.engine();
  const { volumes } = await engine.volumes.list({
    filters: {
      ...(filter.label ? { label: filter.label } : {}),
      ...(filter.name ? { name: filter.name } : {}),
    },
  });
  return volumes.map((v) => ({ name: v.name, driver: v.driver, ...createdField(v.createdAt) }));
}

export async function volumeInfo(ref: string, call: HostCall): Promise<Row> {
  const v = await withSuggestions('volume', ref, call, (engine) => engine.volumes.inspect(ref));
  return {
    name: v.Name,
    driver: v.Driver,
    ...createdField(v.CreatedAt),
    mountpoint: v.Mountpoint,
    scope: v.Scope,
    options: v.Options ?? {},
    labels: v.Labels ?? {},
  };
}
