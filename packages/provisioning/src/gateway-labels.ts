import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** Every container and network a gateway starts carries these, so a reaper can find them. */
export const GATEWAY_LABEL = 'berth.gateway';
export const GATEWAY_PID_LABEL = 'berth.gateway.pid';
export const GATEWAY_BOOT_LABEL = 'berth.gateway.boot';
export const GATEWAY_HOST_LABEL = 'berth.gateway.host';
export const GATEWAY_START_LABEL = 'berth.gateway.start';
export const SERVER_LABEL = 'berth.server';
export const SESSION_LABEL = 'berth.session';

/**
 * Who started a resource: the gateway id and the process behind it. (host, boot id, pid,
 * process start time) tells a live gateway from a dead one whose pid was reused.
 */
export interface GatewayOwner {
  gatewayId: string;
  host: string;
  bootId: string;
  pid: number;
  /** The process start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  startTime: string;
}

export function ownerLabels(owner: GatewayOwner): Record<string, string> {
  return {
    [GATEWAY_LABEL]: owner.gatewayId,
    [GATEWAY_HOST_LABEL]: owner.host,
    [GATEWAY_BOOT_LABEL]: owner.bootId,
    [GATEWAY_PID_LABEL]: String(owner.pid),
    [GATEWAY_START_LABEL]: owner.startTime,
  };
}

/** The owner written in a resource's labels; undefined when they are incomplete. */
export function ownerOf(labels: Record<string, string> | undefined): GatewayOwner | undefined {
  const l = labels ?? {};
  const pid = Number(l[GATEWAY_PID_LABEL]);
  const gatewayId = l[GATEWAY_LABEL];
  const host = l[GATEWAY_HOST_LABEL];
  const bootId = l[GATEWAY_BOOT_LABEL];
  const startTime = l[GATEWAY_START_LABEL];
  if (!gatewayId || !host || !bootId || !startTime || !Number.isInteger(pid)) return undefined;
  return { gatewayId, host, bootId, pid, startTime };
}

/** What the liveness check reads from the machine; injected so tests need no real processes. */
export interface ProcessProbe {
  host: string;
  bootId: string;
  /** Start time of a live pid, undefined when no such process exists. */
  startTimeOf(pid: number): string | undefined;
}

function readStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses; fields after it do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

function readBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

export function localProbe(): ProcessProbe {
  return { host: hostname(), bootId: readBootId(), startTimeOf: readStartTime };
}

/** This process as a gateway owner. */
export function currentOwner(
  gatewayId: string,
  probe: ProcessProbe = localProbe(),
  pid = process.pid,
): GatewayOwner {
  return {
    gatewayId,
    host: probe.host,
    bootId: probe.bootId,
    pid,
    startTime: probe.startTimeOf(pid) ?? 'unknown',
  };
}

/**
 * 'dead' only when the owner ran on this machine and its process is provably gone (another
 * boot, no such pid, or a pid reused by a later process); 'alive' when it still runs;
 * 'unknown' for another machine's gateway, which this one must never reap.
 */
export function ownerState(owner: GatewayOwner, probe: ProcessProbe): 'alive' | 'dead' | 'unknown' {
  if (owner.host !== probe.host) return 'unknown';
  if (owner.bootId !== probe.bootId) return 'dead';
  const started = probe.startTimeOf(owner.pid);
  return started !== undefined && started === owner.startTime ? 'alive' : 'dead';
}
