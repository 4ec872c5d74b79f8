import { containerLogs } from '@berth/engine';
import type { ReadResourceResult } from '@modelcontextprotocol/server';
import type { ToolContext } from '../framework/tool-context.js';
import { formatLine, lastLinesWithin } from '../tools/container-logs.js';
import { withContainerSuggestions } from '../tools/not-found.js';
import type { ResourceHost } from './resource-host.js';

export const LOGS_TEMPLATE = 'berth://{host}/containers/{container}/logs';
/** The end of the log: what a diagnosis needs, small enough for a context window. */
const TAIL = 200;
const MAX_BYTES = 16_000;

/** The last lines of a container's log as text (`out|` / `err|` marked), masked. */
export async function readContainerLogs(
  uri: string,
  target: ResourceHost,
  container: string,
  context: ToolContext,
  signal: AbortSignal,
): Promise<ReadResourceResult> {
  const docker = await target.docker();
  const timeoutMs = target.host.timeoutMs;
  const logs = await withContainerSuggestions(docker, target.host.name, container, signal, () =>
    containerLogs(docker, container, { signal, tail: TAIL, ...(timeoutMs ? { timeoutMs } : {}) }),
  );
  // The engine counts `tail` per stream; keep the newest TAIL lines of both.
  const lines = logs.lines.slice(-TAIL).map((line) => context.masker.maskText(formatLine(line)));
  const { kept, dropped } = lastLinesWithin(lines, MAX_BYTES);
  const head =
    dropped > 0 || logs.truncated
      ? [
          `# ${dropped} earlier lines left out (byte cap); the containers tool's logs action takes since/until`,
        ]
      : [];
  const text = [...head, ...kept].join('\n') || '(no log lines)';
  return { contents: [{ uri, mimeType: 'text/plain', text }] };
}
