import type Docker from 'dockerode';
import { type BoundTarget, callsOn } from './bound-call.js';
import type { CallOptions } from './call-options.js';
import type { LabelFilter } from './filters.js';
import { DEFAULT_PULL_TIMEOUT_MS, type PullOptions, type PullResult, pullImage } from './image-pull.js';
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
  };
}
