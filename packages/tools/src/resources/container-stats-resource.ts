import { containerStats } from '@berth/engine';
import type { ReadResourceResult } from '@modelcontextprotocol/server';
import { statsRow } from '../tools/engine-rows.js';
import { withContainerSuggestions } from '../tools/not-found.js';
import type { ResourceHost } from './resource-host.js';

export const STATS_TEMPLATE = 'berth://{host}/containers/{container}/stats';

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
    cpus: s.onlineCpus,
    ...statsRow(s),
  };
  return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(stats) }] };
}
