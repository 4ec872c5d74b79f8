import { listNetworks } from '@berth/engine';
import type Docker from 'dockerode';
import type { HostCall } from '../framework/tool-spec.js';
import type { DfSnapshot, NetworkInfo } from './cleanup-plan.js';

export interface CleanupSnapshot {
  df: DfSnapshot;
  networks: NetworkInfo[];
  /** Seconds since the epoch when the snapshot was taken. */
  now: number;
}

/**
 * Two engine calls give everything a cleanup plan needs: `/system/df` (per container,
 * image and volume, with sizes) and the network list. @berth/engine's `diskUsage` sums
 * `/system/df`; the per-item answer is read here through dockerode until it offers one.
 */
export async function cleanupSnapshot(docker: Docker, call: HostCall): Promise<CleanupSnapshot> {
  const timeoutMs = Math.max(call.host.timeoutMs ?? 0, 120_000);
  const signal = AbortSignal.any([call.signal, AbortSignal.timeout(timeoutMs)]);
  const df = docker.df as unknown as (o: { abortSignal: AbortSignal }) => Promise<DfSnapshot>;
  const [raw, networks] = await Promise.all([
    df.call(docker, { abortSignal: signal }),
    listNetworks(docker, {
      signal: call.signal,
      ...(call.host.timeoutMs ? { timeoutMs: call.host.timeoutMs } : {}),
    }),
  ]);
  return {
    df: raw,
    networks: networks.map((n) => ({ id: n.id, name: n.name })),
    now: Math.floor(Date.now() / 1000),
  };
}
