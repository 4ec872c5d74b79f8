import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { type DiskUsageDetail, diskUsageDetail } from './disk-usage-detail.js';

/** One row of `docker system df`. */
export interface DiskUsageKind {
  count: number;
  /** In use: images with containers, running/paused/restarting containers, mounted volumes, build cache in use. */
  active: number;
  sizeBytes: number;
  /** What pruning the unused ones would free. */
  reclaimableBytes: number;
}

export interface DiskUsage {
  /** Bytes of all image layers, each shared layer counted once (the same as `images.sizeBytes`). */
  layersSizeBytes: number;
  images: DiskUsageKind;
  containers: DiskUsageKind;
  volumes: DiskUsageKind;
  buildCache: DiskUsageKind;
  /** The same as `buildCache.sizeBytes`, kept for readers written before `buildCache`. */
  buildCacheBytes: number;
}

/** -1 means "the engine could not measure": it counts as nothing, never as a debt. */
const known = (n: number) => n !== -1;
const sum = <T>(items: readonly T[], bytes: (item: T) => number) =>
  items.reduce((total, item) => total + Math.max(0, bytes(item)), 0);
const ACTIVE_CONTAINER = /running|paused|restarting/;

/**
 * The `docker system df` summary, computed from the per-item answer the way the docker
 * CLI computes it, so the figures agree with what a person sees:
 * - images: size is `LayersSize` (shared layers once); reclaimable is that minus the
 *   unshared bytes (Size − SharedSize) of images some container uses;
 * - containers: size is Σ SizeRw; reclaimable counts containers not running, paused
 *   or restarting;
 * - volumes: Σ UsageData.Size; reclaimable counts volumes no container references;
 * - build cache: Σ Size of entries not shared; reclaimable leaves out those in use.
 */
export function summarizeDiskUsage(df: DiskUsageDetail): DiskUsage {
  const usedImages = df.Images.filter((i) => i.Containers > 0);
  const usedImageBytes = sum(
    usedImages.filter((i) => known(i.Size) && known(i.SharedSize)),
    (i) => i.Size - i.SharedSize,
  );
  const idleContainers = df.Containers.filter((c) => !ACTIVE_CONTAINER.test(c.State));
  const measured = df.Volumes.filter((v) => known(v.UsageData.Size));
  const ownCache = df.BuildCache.filter((b) => !b.Shared);
  const buildCache: DiskUsageKind = {
    count: df.BuildCache.length,
    active: df.BuildCache.filter((b) => b.InUse).length,
    sizeBytes: sum(ownCache, (b) => b.Size),
    reclaimableBytes: sum(
      ownCache.filter((b) => !b.InUse),
      (b) => b.Size,
    ),
  };
  return {
    layersSizeBytes: df.LayersSize,
    images: {
      count: df.Images.length,
      active: usedImages.length,
      sizeBytes: df.LayersSize,
      reclaimableBytes: Math.max(0, df.LayersSize - usedImageBytes),
    },
    containers: {
      count: df.Containers.length,
      active: df.Containers.length - idleContainers.length,
      sizeBytes: sum(df.Containers, (c) => c.SizeRw),
      reclaimableBytes: sum(idleContainers, (c) => c.SizeRw),
    },
    volumes: {
      count: df.Volumes.length,
      active: df.Volumes.filter((v) => v.UsageData.RefCount > 0).length,
      sizeBytes: sum(measured, (v) => v.UsageData.Size),
      reclaimableBytes: sum(
        measured.filter((v) => v.UsageData.RefCount === 0),
        (v) => v.UsageData.Size,
      ),
    },
    buildCache,
    buildCacheBytes: buildCache.sizeBytes,
  };
}

/** `docker system df`: count, active, size and reclaimable bytes per kind. Default deadline: 2 minutes. */
export async function diskUsage(docker: Docker, options: CallOptions = {}): Promise<DiskUsage> {
  return summarizeDiskUsage(await diskUsageDetail(docker, options));
}
