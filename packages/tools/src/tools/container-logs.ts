import type { LogLine } from '@berth/engine';
import { sanitizeText } from '@berth/security';
import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import { action } from '../framework/tool-spec.js';
import { inspectLearningSecrets } from './container-secrets.js';
import { containerRef } from './refs.js';
import { withSuggestions } from './resource-kind.js';
import { timeParam } from './time-param.js';

const LINE_MAX = 4_000;
const DEFAULT_TAIL = 100;
const DEFAULT_MAX_BYTES = 16_000;

/** One log line as the agent reads it: time (when asked), stream, text (long lines clipped). */
export function formatLine(line: LogLine): string {
  const text = line.text.length > LINE_MAX ? `${line.text.slice(0, LINE_MAX)}…` : line.text;
  const stream = line.stream === 'stderr' ? 'err' : 'out';
  return `${line.timestamp ? `${line.timestamp} ` : ''}${stream}| ${text}`;
}

/** The newest lines that fit `maxBytes` (the end of a log is what a diagnosis needs). */
export function lastLinesWithin(lines: string[], maxBytes: number): { kept: string[]; dropped: number } {
  let bytes = 0;
  let start = lines.length;
  while (start > 0) {
    const size = Buffer.byteLength(lines[start - 1] ?? '') + 1;
    if (bytes + size > maxBytes) break;
    bytes += size;
    start--;
  }
  return { kept: lines.slice(start), dropped: start };
}

/** Why there are no lines: an empty window, or a container that never wrote one. */
async function emptyHint(call: HostCall, id: string, windowed: boolean): Promise<string> {
  if (!windowed) return 'the container wrote no log lines';
  const any = await readLogTail(call, id, { tail: 1 });
  return any.lines.length > 0
    ? 'no lines in that time window; older lines exist'
    : 'the container wrote no log lines';
}

export interface LogRead {
  tail?: number | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  timestamps?: boolean | undefined;
  maxBytes?: number | undefined;
}

export interface LogTail {
  /** Masked, newest last. */
  lines: string[];
  /** Lines left out by the byte cap. */
  dropped: number;
  /** The engine's own cap cut the read. */
  truncated: boolean;
  /** As many lines as `tail` came back: older ones may exist. */
  full: boolean;
}

/**
 * The end of a container's log, masked. The container is inspected first and the values
 * of its secret-looking env keys become known secrets of this call, so a line that echoes
 * a password is masked too, not only `PASSWORD=...` forms.
 */
export async function readLogTail(call: HostCall, ref: string, read: LogRead = {}): Promise<LogTail> {
  const tail = read.tail ?? DEFAULT_TAIL;
  await inspectLearningSecrets(call, ref);
  const logs = await withSuggestions('container', ref, call, async (engine) => {
    return engine.containers.logs(ref, {
      tail,
      timestamps: read.timestamps === true,
      ...(read.since ? { since: read.since } : {}),
      ...(read.until ? { until: read.until } : {}),
    });
  });
  // The engine counts `tail` per stream; the caller asked for lines in all. Each line's
  // own text is cleaned and masked before its `out| ` mark, so rules that read a line's
  // start (`token: x`, `Cookie:`) see it, and a private key spread over lines is masked.
  const lines = logs.lines.slice(-tail);
  const texts = call.masker.maskLines(lines.map((line) => sanitizeText(line.text)));
  const all = lines.map((line, i) => formatLine({ ...line, text: texts[i] ?? '' }));
  const { kept, dropped } = lastLinesWithin(all, read.maxBytes ?? DEFAULT_MAX_BYTES);
  return { lines: kept, dropped, truncated: logs.truncated, full: logs.lines.length >= tail };
}

export const maxBytesParam = z.number().int().min(256).max(100_000).optional();

/** The end of a container's logs, stdout and stderr marked, capped by lines and bytes, masked. */
export const logsAction = action({
  summary:
    'last `tail` (100) lines of container `id`, oldest first, as the engine stored them; `since`, `until`',
  effect: 'read',
  params: z.object({
    id: containerRef,
    tail: z.number().int().min(1).max(5_000).optional(),
    since: timeParam.optional(),
    until: timeParam.optional(),
    timestamps: z.boolean().optional(),
    max_bytes: maxBytesParam.describe('Byte cap (16000)'),
  }),
  rows: z.object({
    id: z.string(),
    lines: z.array(z.string()),
    truncated: z.boolean().optional(),
    hint: z.string().optional(),
  }),
  run: async (p, call) => {
    const { id, max_bytes, ...read } = p;
    const logs = await readLogTail(call, id, { ...read, maxBytes: max_bytes });
    const row: Record<string, unknown> = { id, lines: logs.lines };
    if (logs.dropped > 0 || logs.truncated) {
      row.truncated = true;
      row.hint = `${logs.dropped} earlier lines left out (byte cap); narrow with since/until or tail, or raise max_bytes`;
    } else if (logs.full) {
      row.hint = 'more lines may exist: raise tail or set since';
    } else if (logs.lines.length === 0) {
      row.hint = await emptyHint(call, id, read.since !== undefined || read.until !== undefined);
    }
    return row;
  },
});
