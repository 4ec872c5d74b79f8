import { containerStats } from '@berth/engine';
import type { ReadResourceResult } from '@modelcontextprotocol/server';
import { withContainerSuggestions } from '../tools/not-found.js';
import type { ResourceHost } from './resource-host.js';

export const STATS_TEMPLATE = 'berth://{host}/containers/{container}/stats';

const mb = (bytes: number) => Math.round((bytes / 1024 ** 2) * 10) / 10;
const pct = (n: number) => Math.round(n * 10) / 10;

/** One stats sample of a container as JSON: CPU %, memory, network and block I/O, pids. */
export async function readContainerStats(
  uri: string,
  target: ResourceHost,
  container: string,
  signal: AbortSignal,
): Promise<ReadResourceResult> {
  const docker = await target.docker();
  const timeoutMs = target.host.timeoutMs;
  const s = await withContainerSuggestions(docker, target.host.name, container, signal, () =>
    containerStats(docker, container, { signal, ...(timeoutMs ? { timeoutMs } : {}) }),
  );
  const stats = {
    host: target.host.name,
    container,
    ...(s.read ? { read: s.read } : {}),
    cpuPercent: pct(s.cpuPercent),
    cpus: s.onlineCpus,
    memMb: mb(s.memoryBytes),
    memLimitMb: mb(s.memoryLimitBytes),
    memPercent: pct(s.memoryPercent),
    netRxMb: mb(s.networkRxBytes),
    netTxMb: mb(s.networkTxBytes),
    blkReadMb: mb(s.blockReadBytes),
    blkWriteMb: mb(s.blockWriteBytes),
    pids: s.pids,
  };
  return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(stats) }] };
}
