import type { ReadResourceResult } from '@modelcontextprotocol/server';
import { deepMask } from '../framework/deep-mask.js';
import type { HostCall } from '../framework/host-call.js';
import { statsRow } from '../tools/engine-rows.js';
import { withSuggestions } from '../tools/resource-kind.js';

export const STATS_TEMPLATE = 'berth://{host}/containers/{container}/stats';

/** One stats sample of a container as JSON: CPU %, memory, network and block I/O, pids. */
export async function readContainerStats(
  uri: string,
  call: HostCall,
  container: string,
): Promise<ReadResourceResult> {
  const s = await withSuggestions('container', container, call, (engine) =>
    engine.containers.stats(container),
  );
  const stats = {
    host: call.host.name,
    container,
    ...(s.read ? { read: s.read } : {}),
    cpus: s.onlineCpus,
    ...statsRow(s),
  };
  // Read as any answer is: the container part of the URI and engine text cleaned and masked.
  const text = JSON.stringify(deepMask(stats, call.masker));
  return { contents: [{ uri, mimeType: 'application/json', text }] };
}
