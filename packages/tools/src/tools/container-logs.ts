import type { LogLine } from '@berth/engine';
import { sanitizeText } from '@berth/security';
import { z } from 'zod';
import { clipString, cutMarker, jsonBytes } from '../framework/fit-bytes.js';
import type { HostCall } from '../framework/host-call.js';
import { action } from '../framework/tool-spec.js';
import { inspectLearningSecrets } from './container-secrets.js';
import { containerRef } from './refs.js';
import { withSuggestions } from './resource-kind.js';
import { timeParam } from './time-param.js';

const LINE_MAX = 4_000;
/**
 * Bytes of one line the engine keeps: more than LINE_MAX characters take even in 4-byte
 * UTF-8, so the clip here (after masking) decides what shows, and a line of any length
 * costs no more than this to read.
 */
const ENGINE_LINE_MAX_BYTES = 16 * 1024;
const DEFAULT_TAIL = 100;
const DEFAULT_MAX_BYTES = 16_000;

/** One log line as the agent reads it: time (when asked), stream, text (long lines clipped). */
export function formatLine(line: LogLine): string {
  const shown = line.text.length > LINE_MAX ? line.text.slice(0, LINE_MAX) : line.text;
  const left = Buffer.byteLength(line.text) - Buffer.byteLength(shown) + (line.cutBytes ?? 0);
  const text = left > 0 ? `${shown}${cutMarker(left)}` : shown;
  const stream = line.stream === 'stderr' ? 'err' : 'out';
  return `${line.timestamp ? `${line.timestamp} ` : ''}${stream}| ${text}`;
}

/**
 * The newest lines whose JSON array fits `maxBytes`, as the agent pays for them (quotes and
 * escapes counted); when not even the newest fits, it is cut to fit. The end of a log is
 * what a diagnosis needs.
 */
export function lastLinesWithin(
  lines: string[],
  maxBytes: number,
): { kept: string[]; dropped: number; cut?: boolean } {
  let bytes = 1;
  let start = lines.length;
  while (start > 0) {
    const size = jsonBytes(lines[start - 1] ?? '') + 1;
    if (bytes + size > maxBytes) break;
    bytes += size;
    start--;
  }
  if (start === lines.length && start > 0) {
    const newest = clipString(lines[start - 1] ?? '', maxBytes - 2);
    return { kept: [newest], dropped: start - 1, cut: true };
  }
  return { kept: lines.slice(start), dropped: start };
}

/** Why there are no lines: an empty window, or a container that never wrote one. */
async function emptyHint(call: HostCall, id: string, windowed: boolean): Promise<string> {
  if (!windowed) return 'the container wrote no log lines';
  const any = await readLogTail(call, id, { tail: 1 });
  return any.lines.length > 0
    ? 'no lines in that time window; the container has lines outside it'
    : 'no lines in that time window, nor any before or after: the container wrote none';
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
  /** The one line kept was cut to fit the byte cap. */
  cut: boolean;
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
  const maxBytes = read.maxBytes ?? DEFAULT_MAX_BYTES;
  await inspectLearningSecrets(call, ref);
  const logs = await withSuggestions('container', ref, call, async (engine) => {
    return engine.containers.logs(ref, {
      tail,
      timestamps: read.timestamps === true,
      ...(read.since ? { since: read.since } : {}),
      ...(read.until ? { until: read.until } : {}),
      // The newest lines, capped as they stream: a line of any length costs its cap, and
      // enough are kept to fill maxBytes after clipping and masking shrink some.
      keep: 'last',
      maxBytes: 4 * maxBytes + ENGINE_LINE_MAX_BYTES,
      maxLineBytes: ENGINE_LINE_MAX_BYTES,
    });
  });
  // The engine counts `tail` per stream; the caller asked for lines in all. Each line's
  // own text is cleaned and masked before its `out| ` mark, so rules that read a line's
  // start (`token: x`, `Cookie:`) see it, and a private key spread over lines is masked.
  const lines = logs.lines.slice(-tail);
  const texts = call.masker.maskLines(lines.map((line) => sanitizeText(line.text)));
  const all = lines.map((line, i) => formatLine({ ...line, text: texts[i] ?? '' }));
  const { kept, cut } = lastLinesWithin(all, maxBytes);
  const counted = Math.min(tail, logs.lines.length + logs.dropped);
  return {
    lines: kept,
    dropped: counted - kept.length,
    cut: cut === true,
    truncated: logs.truncated,
    full: counted >= tail,
  };
}

export const maxBytesParam = z.number().int().min(256).max(100_000).optional();

const cutHint = (dropped: number, cut: boolean) =>
  `${dropped} earlier lines left out${cut ? ', the newest cut' : ''} (byte cap); narrow with since/until or tail, or raise max_bytes`;

/** The end of a container's logs, stdout and stderr marked, capped by lines and bytes, masked. */
export const logsAction = action({
  summary: 'last `tail` (100) lines of container `id`, oldest first; `since`, `until`',
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
    // max_bytes is the whole row as the agent reads it: the lines get what id and hint leave.
    const frame = jsonBytes({ id, lines: [], truncated: true, hint: cutHint(Number.MAX_SAFE_INTEGER, true) });
    const maxBytes = Math.max((max_bytes ?? DEFAULT_MAX_BYTES) - frame, 64);
    const logs = await readLogTail(call, id, { ...read, maxBytes });
    const row: Record<string, unknown> = { id, lines: logs.lines };
    if (logs.dropped > 0 || logs.truncated || logs.cut) {
      row.truncated = true;
      row.hint = cutHint(logs.dropped, logs.cut);
    } else if (logs.full) {
      row.hint = 'more lines may exist: raise tail or set since';
    } else if (logs.lines.length === 0) {
      row.hint = await emptyHint(call, id, read.since !== undefined || read.until !== undefined);
    }
    return row;
  },
});
