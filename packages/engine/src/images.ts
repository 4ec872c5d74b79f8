import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { EngineError } from './engine-error.js';
import { engineRequest } from './engine-request.js';
import { engineFilters, type LabelFilter } from './filters.js';
import { imagePath, splitImageRef } from './image-ref.js';
import { assertImageRef } from './input-guards.js';
import { type Page, type PageOptions, paginate } from './pagination.js';
import { DEFAULT_PRUNE_TIMEOUT_MS, PRUNE_RUNNING, type PruneResult } from './prune-result.js';

export interface ImageSummary {
  id: string;
  repoTags: string[];
  repoDigests: string[];
  /** Seconds since the epoch. */
  created: number;
  size: number;
  labels: Record<string, string>;
  /** Containers using it (-1 when the engine did not count). */
  containers: number;
}

export interface ListImagesOptions extends CallOptions, PageOptions {
  /** Include intermediate images. */
  all?: boolean;
  filters?: { reference?: string | string[]; label?: LabelFilter; dangling?: boolean };
}

/** Lists images with one engine call; pages newest first, like containers. */
export async function listImages(
  docker: Docker,
  options: ListImagesOptions = {},
): Promise<Page<ImageSummary>> {
  const f = options.filters ?? {};
  const raw = await engineRequest<Docker.ImageInfo[]>(
    docker,
    {
      method: 'GET',
      path: '/images/json',
      query: {
        all: options.all === true,
        filters: engineFilters({ reference: f.reference, label: f.label, dangling: f.dangling }),
      },
      what: 'list images',
      data: { resource: 'image', operation: 'image.list' },
    },
    options,
  );
  const images = raw.map((i) => ({
    id: i.Id,
    repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
    repoDigests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    created: i.Created,
    size: i.Size,
    labels: i.Labels ?? {},
    containers: i.Containers,
  }));
  return paginate(images, (i) => [i.created, i.id], options);
}

export async function inspectImage(
  docker: Docker,
  image: string,
  options: CallOptions = {},
): Promise<Docker.ImageInspectInfo> {
  return engineRequest<Docker.ImageInspectInfo>(
    docker,
    {
      method: 'GET',
      path: `/images/${imagePath(image)}/json`,
      what: `inspect image ${image}`,
      data: { resource: 'image', ref: image, operation: 'image.inspect' },
    },
    options,
  );
}

export interface RemovedImage {
  untagged: string[];
  deleted: string[];
}

export async function removeImage(
  docker: Docker,
  image: string,
  options: CallOptions & { force?: boolean; noPrune?: boolean } = {},
): Promise<RemovedImage> {
  const items = await engineRequest<Array<{ Untagged?: string; Deleted?: string }>>(
    docker,
    {
      method: 'DELETE',
      path: `/images/${imagePath(image)}`,
      query: { force: options.force === true, noprune: options.noPrune === true },
      what: `remove image ${image}`,
      data: { resource: 'image', ref: image, operation: 'image.remove' },
    },
    options,
  );
  return {
    untagged: items.flatMap((i) => (i.Untagged ? [i.Untagged] : [])),
    deleted: items.flatMap((i) => (i.Deleted ? [i.Deleted] : [])),
  };
}

/** Adds a tag: `target` is `repo[:tag]` (tag defaults to `latest`). */
export async function tagImage(
  docker: Docker,
  source: string,
  target: string,
  options: CallOptions = {},
): Promise<void> {
  const { repository, tag, digest } = splitImageRef(assertImageRef(target, 'target'));
  if (digest !== undefined) {
    throw new EngineError('INVALID', `target "${target}" cannot be a digest; give repo:tag`, {
      field: 'target',
    });
  }
  await engineRequest(
    docker,
    {
      method: 'POST',
      path: `/images/${imagePath(source)}/tag`,
      query: { repo: repository, tag },
      what: `tag image ${source} as ${target}`,
      data: { resource: 'image', ref: source, operation: 'image.tag' },
    },
    options,
  );
}

/** Removes unused images: dangling ones, or every unused one with `all`. */
export async function pruneImages(
  docker: Docker,
  options: CallOptions & { all?: boolean; filters?: { label?: LabelFilter; until?: string } } = {},
): Promise<PruneResult> {
  const result = await engineRequest<{
    ImagesDeleted?: Array<{ Deleted?: string; Untagged?: string }> | null;
    SpaceReclaimed?: number;
  }>(
    docker,
    {
      method: 'POST',
      path: '/images/prune',
      query: {
        filters: engineFilters({
          dangling: options.all === true ? 'false' : 'true',
          label: options.filters?.label,
          until: options.filters?.until,
        }),
      },
      what: 'prune images',
      refusedWhileBusy: PRUNE_RUNNING,
      data: { resource: 'image', operation: 'image.prune' },
    },
    options,
    DEFAULT_PRUNE_TIMEOUT_MS,
  );
  return {
    removed: (result.ImagesDeleted ?? []).flatMap((i) =>
      [i.Untagged, i.Deleted].filter((x) => x !== undefined),
    ),
    spaceReclaimedBytes: result.SpaceReclaimed ?? 0,
  };
}
