import { inspectImage, listImages } from '@berth/engine';
import type { Row } from '../framework/tool-output.js';
import type { HostCall } from '../framework/tool-spec.js';
import { toMb as mb } from './engine-rows.js';
import { withSuggestions } from './resource-kind.js';
import type { ListFilter } from './resource-rows.js';

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** Images, newest first: one engine call, one compact row each. */
export async function imageRows(filter: ListFilter, call: HostCall): Promise<Row[]> {
  const docker = await call.docker();
  const page = await listImages(docker, {
    signal: call.signal,
    ...(filter.label ? { filters: { label: filter.label } } : {}),
  });
  return page.items
    .filter((i) => !filter.name || i.repoTags.some((t) => t.includes(filter.name ?? '')))
    .map((i) => ({
      id: shortId(i.id),
      tags: i.repoTags.join(','),
      sizeMb: mb(i.size),
      created: new Date(i.created * 1000).toISOString(),
    }));
}

/** One image: what it runs, what it exposes, how big (env values masked). */
export async function imageInfo(ref: string, call: HostCall): Promise<Row> {
  const docker = await call.docker();
  const i = await withSuggestions('image', ref, docker, call.host.name, call.signal, () =>
    inspectImage(docker, ref, { signal: call.signal }),
  );
  return {
    id: shortId(i.Id),
    tags: i.RepoTags ?? [],
    digests: i.RepoDigests ?? [],
    created: i.Created,
    sizeMb: mb(i.Size),
    platform: `${i.Os}/${i.Architecture}`,
    entrypoint: i.Config?.Entrypoint ?? [],
    cmd: i.Config?.Cmd ?? [],
    env: call.masker.maskEnv(i.Config?.Env ?? []),
    ports: Object.keys(i.Config?.ExposedPorts ?? {}),
    workdir: i.Config?.WorkingDir || undefined,
    user: i.Config?.User || undefined,
    labels: i.Config?.Labels ?? {},
    layers: i.RootFS?.Layers?.length ?? 0,
  };
}
