import type { ContainerStats } from '@berth/engine';
import { z } from 'zod';
import { humanSize } from './sizes.js';

export const oneDecimal = (n: number): number => Math.round(n * 10) / 10;

export const statsRowSchema = z.object({
  cpuPercent: z.number(),
  mem: z.string(),
  memPercent: z.number(),
  net: z.string(),
  block: z.string(),
  pids: z.number(),
});

/**
 * One stats sample as `docker stats` shows it: memory as "used / limit", network as
 * "received / sent", block I/O as "read / written". The `read` stats action and the
 * stats resource share it.
 */
export function statsRow(s: ContainerStats): z.infer<typeof statsRowSchema> {
  const pair = (a: number, b: number) => `${humanSize(a)} / ${humanSize(b)}`;
  return {
    cpuPercent: oneDecimal(s.cpuPercent),
    mem: pair(s.memoryBytes, s.memoryLimitBytes),
    memPercent: oneDecimal(s.memoryPercent),
    net: pair(s.networkRxBytes, s.networkTxBytes),
    block: pair(s.blockReadBytes, s.blockWriteBytes),
    pids: s.pids,
  };
}

export const engineSummarySchema = z.object({
  name: z.string(),
  containers: z.number(),
  running: z.number(),
  paused: z.number(),
  stopped: z.number(),
  images: z.number(),
  driver: z.string(),
  cpus: z.number(),
  memory: z.string(),
  os: z.string(),
});

// `/info` is untyped and differs between engine versions: a missing field reads as empty.
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The engine summary of `/info`: the `read` engine action and the host info resource share it. */
export function engineSummaryRow(i: Record<string, unknown>): z.infer<typeof engineSummarySchema> {
  return {
    name: text(i.Name),
    containers: count(i.Containers),
    running: count(i.ContainersRunning),
    paused: count(i.ContainersPaused),
    stopped: count(i.ContainersStopped),
    images: count(i.Images),
    driver: text(i.Driver),
    cpus: count(i.NCPU),
    memory: humanSize(count(i.MemTotal)),
    os: text(i.OperatingSystem),
  };
}
