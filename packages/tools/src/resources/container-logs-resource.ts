import type { ReadResourceResult } from '@modelcontextprotocol/server';
import type { HostCall } from '../framework/host-call.js';
import { readLogTail } from '../tools/container-logs.js';

export const LOGS_TEMPLATE = 'berth://{host}/containers/{container}/logs';
/** The end of the log: what a diagnosis needs, small enough for a context window. */
const TAIL = 200;
const MAX_BYTES = 16_000;

/** The last lines of a container's log as text (`out|` / `err|` marked), masked. */
export async function readContainerLogs(
  uri: string,
  call: HostCall,
  container: string,
): Promise<ReadResourceResult> {
  const logs = await readLogTail(call, container, { tail: TAIL, maxBytes: MAX_BYTES });
  const head =
    logs.dropped > 0 || logs.truncated
      ? [`# ${logs.dropped} earlier lines left out (byte cap); the read tool's logs action takes since/until`]
      : [];
  const text = [...head, ...logs.lines].join('\n') || '(no log lines)';
  return { contents: [{ uri, mimeType: 'text/plain', text }] };
}
