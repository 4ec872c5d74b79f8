import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { engineRequest } from './engine-request.js';

/** `/system/df` walks every layer and volume: it may take far longer than one ordinary call. */
export const DEFAULT_DISK_USAGE_TIMEOUT_MS = 2 * 60_000;

/** One container of `GET /system/df`, in the engine's own field names. */
export interface DiskUsageContainer {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  /** Seconds since the epoch. */
  Created: number;
  State: string;
  Status?: string;
  /** Bytes in the container's writable layer; -1 when the engine could not measure it. */
  SizeRw: number;
  SizeRootFs?: number;
  Labels: Record<string, string>;
  Mounts: Array<{ Type: string; Name?: string; Source?: string; Destination: string; RW?: boolean }>;
  NetworkSettings: { Networks: Record<string, { NetworkID?: string }> };
}

export interface DiskUsageImage {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Created: number;
  /** Bytes of all its layers; -1 when unknown. */
  Size: number;
  /** Bytes of layers it shares with other images; -1 when unknown. */
  SharedSize: number;
  /** Containers using it; -1 when the engine did not count. */
  Containers: number;
  Labels: Record<string, string>;
}

export interface DiskUsageVolume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Labels: Record<string, string>;
  CreatedAt?: string;
  /** -1 in either field when the volume driver cannot tell. */
  UsageData: { Size: number; RefCount: number };
}

export interface DiskUsageBuildCache {
  ID: string;
  Type?: string;
  Description?: string;
  InUse: boolean;
  Shared: boolean;
  Size: number;
  CreatedAt?: string;
  LastUsedAt?: string | null;
  UsageCount?: number;
}

/** The per-item answer of `GET /system/df` (`docker system df -v`); empty lists are `[]`, never null. */
export interface DiskUsageDetail {
  /** Bytes of all image layers, each shared layer counted once. */
  LayersSize: number;
  Images: DiskUsageImage[];
  Containers: DiskUsageContainer[];
  Volumes: DiskUsageVolume[];
  BuildCache: DiskUsageBuildCache[];
}

type Nullable<T> = { [K in keyof T]?: T[K] | null };

/** The engine sends Go's nil slices and maps as null; readers should not have to care. */
export function normalizeDetail(raw: Nullable<DiskUsageDetail>): DiskUsageDetail {
  const images = (raw.Images ?? []) as Array<Nullable<DiskUsageImage>>;
  const containers = (raw.Containers ?? []) as Array<Nullable<DiskUsageContainer>>;
  const volumes = (raw.Volumes ?? []) as Array<Nullable<DiskUsageVolume>>;
  return {
    LayersSize: raw.LayersSize ?? 0,
    Images: images.map((i) => ({
      ...(i as DiskUsageImage),
      RepoTags: i.RepoTags ?? [],
      RepoDigests: i.RepoDigests ?? [],
      Size: i.Size ?? -1,
      SharedSize: i.SharedSize ?? -1,
      Containers: i.Containers ?? -1,
      Labels: i.Labels ?? {},
    })),
    Containers: containers.map((c) => ({
      ...(c as DiskUsageContainer),
      Names: c.Names ?? [],
      SizeRw: c.SizeRw ?? -1,
      Labels: c.Labels ?? {},
      Mounts: c.Mounts ?? [],
      NetworkSettings: { Networks: c.NetworkSettings?.Networks ?? {} },
    })),
    Volumes: volumes.map((v) => ({
      ...(v as DiskUsageVolume),
      Labels: v.Labels ?? {},
      UsageData: { Size: v.UsageData?.Size ?? -1, RefCount: v.UsageData?.RefCount ?? -1 },
    })),
    BuildCache: raw.BuildCache ?? [],
  };
}

/**
 * Every container, image, volume and build cache entry with its size, from one engine
 * call (what cleanup plans are computed from). Default deadline: 2 minutes.
 */
export async function diskUsageDetail(docker: Docker, options: CallOptions = {}): Promise<DiskUsageDetail> {
  const raw = await engineRequest<Nullable<DiskUsageDetail>>(
    docker,
    {
      method: 'GET',
      path: '/system/df',
      what: 'read engine disk usage',
      data: { operation: 'system.df' },
      // Two plans at once, or another client's `docker system df` (a 500 on 20.10).
      refusedWhileBusy: /disk usage operation is already running/i,
    },
    options,
    DEFAULT_DISK_USAGE_TIMEOUT_MS,
  );
  return normalizeDetail(raw);
}
