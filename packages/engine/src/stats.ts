import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { engineRequest, pathOf } from './engine-request.js';
import { assertRef } from './input-guards.js';

/** The parts of the engine's stats answer the figures come from (cgroup v1 and v2). */
export interface RawStats {
  read?: string;
  pids_stats?: { current?: number; limit?: number };
  cpu_stats?: RawCpu;
  precpu_stats?: RawCpu;
  memory_stats?: {
    usage?: number;
    limit?: number;
    /** cgroup v1 and v2 use different keys here. */
    stats?: Record<string, number>;
  };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null };
}

interface RawCpu {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface ContainerStats {
  /** When the engine read the sample (RFC 3339). */
  read?: string;
  /** CPU use in percent of one CPU (200 = two CPUs busy), as `docker stats` shows it. */
  cpuPercent: number;
  onlineCpus: number;
  /** Memory in use, page cache excluded (as `docker stats`). */
  memoryBytes: number;
  memoryLimitBytes: number;
  /** Percent of the limit; 0 when there is no limit figure. */
  memoryPercent: number;
  networkRxBytes: number;
  networkTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
  pids: number;
}

/**
 * Figures from one stats sample, computed the way the docker CLI does:
 * CPU% = container CPU time delta / host CPU time delta * online CPUs * 100, between the
 * sample and the one before it (`precpu_stats`); memory = usage minus inactive page cache,
 * which cgroup v1 reports as `total_inactive_file` and cgroup v2 as `inactive_file`.
 */
export function computeStats(raw: RawStats): ContainerStats {
  const cpu = raw.cpu_stats ?? {};
  const pre = raw.precpu_stats ?? {};
  const onlineCpus = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 0;
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;

  const mem = raw.memory_stats ?? {};
  const usage = mem.usage ?? 0;
  const memoryBytes = withoutCache(usage, mem.stats ?? {});
  const memoryLimitBytes = mem.limit ?? 0;

  let rx = 0;
  let tx = 0;
  for (const n of Object.values(raw.networks ?? {})) {
    rx += n.rx_bytes ?? 0;
    tx += n.tx_bytes ?? 0;
  }
  let blockReadBytes = 0;
  let blockWriteBytes = 0;
  for (const entry of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = entry.op?.toLowerCase();
    if (op === 'read') blockReadBytes += entry.value ?? 0;
    if (op === 'write') blockWriteBytes += entry.value ?? 0;
  }
  return {
    ...(raw.read ? { read: raw.read } : {}),
    cpuPercent,
    onlineCpus,
    memoryBytes,
    memoryLimitBytes,
    memoryPercent: memoryLimitBytes > 0 ? (memoryBytes / memoryLimitBytes) * 100 : 0,
    networkRxBytes: rx,
    networkTxBytes: tx,
    blockReadBytes,
    blockWriteBytes,
    pids: raw.pids_stats?.current ?? 0,
  };
}

/** Usage minus inactive page cache: cgroup v1's `total_inactive_file` first, then v2's `inactive_file`. */
function withoutCache(usage: number, stats: Record<string, number>): number {
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file;
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

/**
 * One stats sample of a running container. `stream=false` makes the engine take two
 * readings about a second apart, so CPU% has a real interval (one-shot mode would not).
 */
export async function containerStats(
  docker: Docker,
  container: string,
  options: CallOptions = {},
): Promise<ContainerStats> {
  const ref = assertRef('container', container);
  const raw = await engineRequest<RawStats>(
    docker,
    {
      method: 'GET',
      path: pathOf`/containers/${ref}/stats`,
      query: { stream: false },
      what: `read stats of container ${ref}`,
      data: { resource: 'container', ref, operation: 'container.stats' },
    },
    options,
  );
  return computeStats(raw);
}
