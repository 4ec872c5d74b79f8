import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import type { Row } from '../framework/tool-output.js';
import { withSuggestions } from './resource-kind.js';
import { isoTime, type ListFilter, shortId } from './resource-rows.js';
import { humanSize } from './sizes.js';

export const imageListRow = z.object({
  id: z.string(),
  tags: z.string(),
  size: z.string(),
  created: z.string(),
});

export const imageInfoRow = imageListRow.extend({
  digests: z.string(),
  platform: z.string(),
  cmd: z.array(z.string()),
  env: z.array(z.string()),
  ports: z.string(),
  workdir: z.string().optional(),
  user: z.string().optional(),
  labels: z.record(z.string(), z.string()),
});

/** Images of one host, one engine call; `name` matches part of a tag. */
export async function imageRows(filter: ListFilter, call: HostCall): Promise<Row[]> {
  const engine = await call.engine();
  const { items } = await engine.images.list(filter.label ? { filters: { label: filter.label } } : {});
  const name = filter.name;
  return items
    .filter((i) => !name || i.repoTags.some((t) => t.includes(name)))
    .map((i) => ({
      id: shortId(i.id),
      tags: i.repoTags.join(','),
      size: humanSize(i.size),
      created: isoTime(i.created) ?? '',
    }));
}

/** One image: what it runs, what it exposes, how big (env values masked). */
export async function imageInfo(ref: string, call: HostCall): Promise<Row> {
  const i = await withSuggestions('image', ref, call, (engine) => engine.images.inspect(ref));
  return {
    id: shortId(i.Id),
    tags: (i.RepoTags ?? []).join(','),
    size: humanSize(i.Size),
    created: isoTime(i.Created) ?? '',
    digests: (i.RepoDigests ?? []).join(','),
    platform: `${i.Os}/${i.Architecture}`,
    // What a container of it runs, entrypoint first, as a container's info shows it.
    // A password baked into an image's command (`--password x`) is masked as an argv.
    cmd: call.masker.maskArgv([...toList(i.Config?.Entrypoint), ...toList(i.Config?.Cmd)]),
    env: call.masker.maskEnv(i.Config?.Env ?? []),
    ports: Object.keys(i.Config?.ExposedPorts ?? {}).join(','),
    ...(i.Config?.WorkingDir ? { workdir: i.Config.WorkingDir } : {}),
    ...(i.Config?.User ? { user: i.Config.User } : {}),
    labels: i.Config?.Labels ?? {},
  };
}

// The engine gives Entrypoint and Cmd as a list, a string (old images) or null.
function toList(value: string | string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
