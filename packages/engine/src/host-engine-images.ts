import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { DEFAULT_TRANSFER_TIMEOUT_MS } from './archive.js';
import { type BoundTarget, callsOn } from './bound-call.js';
import type { CallOptions } from './call-options.js';
import type { LabelFilter } from './filters.js';
import { DEFAULT_PULL_TIMEOUT_MS, type PullOptions, type PullResult, pullImage } from './image-pull.js';
import { type LoadedImages, loadImages, saveImage } from './image-transfer.js';
import {
  type ImageSummary,
  inspectImage,
  type ListImagesOptions,
  listImages,
  pruneImages,
  type RemovedImage,
  removeImage,
  tagImage,
} from './images.js';
import type { Page } from './pagination.js';
import { DEFAULT_PRUNE_TIMEOUT_MS, type PruneResult } from './prune-result.js';

/** Images of one host; each method is the free function of the same name, bound. */
export interface HostImages {
  list(options?: ListImagesOptions): Promise<Page<ImageSummary>>;
  inspect(image: string, options?: CallOptions): Promise<Docker.ImageInspectInfo>;
  /** Progress through `onProgress`; a failure inside the progress stream throws. */
  pull(image: string, options?: PullOptions): Promise<PullResult>;
  remove(
    image: string,
    options?: CallOptions & { force?: boolean; noPrune?: boolean },
  ): Promise<RemovedImage>;
  tag(source: string, target: string, options?: CallOptions): Promise<void>;
  prune(
    options?: CallOptions & { all?: boolean; filters?: { label?: LabelFilter; until?: string } },
  ): Promise<PruneResult>;
  /** `docker save` of one image as a tar stream. */
  save(image: string, options?: CallOptions): Promise<Readable>;
  /** `docker load` from a tar stream; a broken archive throws. Default deadline 30 min. */
  load(tar: Readable, options?: CallOptions): Promise<LoadedImages>;
}

export function hostImages(target: BoundTarget): HostImages {
  const { docker } = target;
  const call = callsOn(target);
  return {
    list: (options) => listImages(docker, call(options)),
    inspect: (image, options) => inspectImage(docker, image, call(options)),
    pull: (image, options) => pullImage(docker, image, call(options, DEFAULT_PULL_TIMEOUT_MS)),
    remove: (image, options) => removeImage(docker, image, call(options)),
    tag: (source, tagTarget, options) => tagImage(docker, source, tagTarget, call(options)),
    prune: (options) => pruneImages(docker, call(options, DEFAULT_PRUNE_TIMEOUT_MS)),
    save: (image, options) => saveImage(docker, image, call(options)),
    load: (tar, options) => loadImages(docker, tar, call(options, DEFAULT_TRANSFER_TIMEOUT_MS)),
  };
}
