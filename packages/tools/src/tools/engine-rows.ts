import type { ContainerStats } from '@berth/engine';

/** Sizes and shares as agents read them: one decimal, MB or GB. */
export const toMb = (bytes: number): number => Math.round((bytes / 1024 ** 2) * 10) / 10;
export const toGb = (bytes: number): number => Math.round((bytes / 1024 ** 3) * 10) / 10;
export const oneDecimal = (n: number): number => Math.round(n * 10) / 10;

/** One stats sample as a row: the `resources` stats action and the stats resource share it. */
export function statsRow(s: ContainerStats) {
  return {
    cpuPercent: oneDecimal(s.cpuPercent),
    memMb: toMb(s.memoryBytes),
    memLimitMb: toMb(s.memoryLimitBytes),
    memPercent: oneDecimal(s.memoryPercent),
    netRxMb: toMb(s.networkRxBytes),
    netTxMb: toMb(s.networkTxBytes),
    blkReadMb: toMb(s.blockReadBytes),
    blkWriteMb: toMb(s.blockWriteBytes),
    pids: s.pids,
  };
}

/** The engine summary of `/info`: the `system` info action and the host info resource share it. */
export function engineSummaryRow(i: Record<string, unknown>) {
  return {
    name: i.Name,
    containers: i.Containers,
    running: i.ContainersRunning,
    paused: i.ContainersPaused,
    stopped: i.ContainersStopped,
    images: i.Images,
    driver: i.Driver,
    cpus: i.NCPU,
    memoryGb: toGb(Number(i.MemTotal)),
    os: i.OperatingSystem,
  };
}
