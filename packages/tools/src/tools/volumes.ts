import { inspectVolume, listVolumes } from '@berth/engine';
import type { Row } from '../framework/tool-output.js';
import type { HostCall } from '../framework/tool-spec.js';
import { withSuggestions } from './resource-kind.js';
import type { ListFilter } from './resource-rows.js';

/** Volumes by name: one engine call. */
export async function volumeRows(filter: ListFilter, call: HostCall): Promise<Row[]> {
  const docker = await call.docker();
  const { volumes } = await listVolumes(docker, {
    signal: call.signal,
    filters: {
      ...(filter.label ? { label: filter.label } : {}),
      ...(filter.name ? { name: filter.name } : {}),
    },
  });
  return volumes.map((v) => ({ name: v.name, driver: v.driver, created: v.createdAt }));
}

export async function volumeInfo(ref: string, call: HostCall): Promise<Row> {
  const docker = await call.docker();
  const v = await withSuggestions('volume', ref, docker, call.host.name, call.signal, () =>
    inspectVolume(docker, ref, { signal: call.signal }),
  );
  return {
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    scope: v.Scope,
    created: v.CreatedAt,
    options: v.Options ?? {},
    labels: v.Labels ?? {},
  };
}
