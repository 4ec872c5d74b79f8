import { containerLogs, type LogLine } from '@berth/engine';
import { z } from 'zod';
import { action } from '../framework/tool-spec.js';
import { withContainerSuggestions } from './not-found.js';
import { containerRef } from './refs.js';

const LINE_MAX = 4_000;
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3_600, d: 86_400 };

/** `10m`, `2h`, `1d` (ago), an ISO time or seconds since the epoch, as the engine's time value. */
export function toTimeValue(value: string, now: () => number = Date.now): string | Date {
  const relative = /^(\d{1,9})([smhd])$/.exec(value);
  if (!relative) return value;
  const seconds = Number(relative[1]) * (UNITS[relative[2] ?? 's'] ?? 1);
  return new Date(now() - seconds * 1000);
}

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

const time = z
  .string()
  .max(64)
  .regex(/^(\d{1,9}[smhd]|\d{1,12}(\.\d+)?|\d{4}-\d\d-\d\d[T ][\d:.]+(Z|[+-]\d\d:?\d\d)?)$/, {
    message: 'a time: 10m, 2h, 1d (ago), an ISO time or epoch seconds',
  });

export const maxBytesParam = z.number().int().min(256).max(100_000).optional();

/** The end of a container's logs, stdout and stderr marked, capped by lines and bytes, masked. */
export const logsAction = action({
  summary: 'last `tail` (100) log lines; since/until (10m, ISO), byte cap, masked',
  params: z.object({
    id: containerRef,
    tail: z.number().int().min(1).max(5_000).optional().describe('Lines (100)'),
    since: time.optional().describe('e.g. 10m, ISO'),
    until: time.optional(),
    timestamps: z.boolean().optional(),
    max_bytes: maxBytesParam,
  }),
  run: async (p, call) => {
    const docker = await call.docker();
    const tail = p.tail ?? 100;
    const logs = await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () =>
      containerLogs(docker, p.id, {
        signal: call.signal,
        tail,
        ...(p.since ? { since: toTimeValue(p.since) } : {}),
        ...(p.until ? { until: toTimeValue(p.until) } : {}),
        timestamps: p.timestamps === true,
      }),
    );
    // The engine counts `tail` per stream; the agent asked for lines in all.
    const all = logs.lines.slice(-tail).map((line) => call.masker.maskText(formatLine(line)));
    const { kept, dropped } = lastLinesWithin(all, p.max_bytes ?? 16_000);
    const row: Record<string, unknown> = { id: p.id, lines: kept };
    if (dropped > 0 || logs.truncated) {
      row.truncated = true;
      row.hint = `${dropped} earlier lines left out (byte cap); narrow with since/until or tail, or raise max_bytes`;
    } else if (logs.lines.length >= tail) {
      row.hint = 'more lines may exist: raise tail or set since';
    }
    return row;
  },
});
