/** One line of the logs action with timestamps: `<time> out| <text>`. */
export interface LogLine {
  time: string;
  ms: number;
  stream: 'out' | 'err';
  text: string;
}

const LINE = /^(\S+) (out|err)\| ?(.*)$/s;

export function parseLogLine(raw: string): LogLine | undefined {
  const m = LINE.exec(raw);
  if (!m) return undefined;
  const time = m[1] as string;
  return { time, ms: Date.parse(time), stream: m[2] as 'out' | 'err', text: m[3] as string };
}

/**
 * Which lines of a poll are new: the engine's `since` has whole-second steps, so each poll
 * repeats the lines of the last second. Lines older than the newest seen are dropped, and
 * lines of that same millisecond are told apart by their text.
 */
export class LogCursor {
  private lastMs = Number.NEGATIVE_INFINITY;
  private atLast = new Set<string>();

  fresh(raws: readonly string[]): LogLine[] {
    const out: LogLine[] = [];
    for (const raw of raws) {
      const parsed = parseLogLine(raw);
      if (!parsed || Number.isNaN(parsed.ms)) continue;
      if (parsed.ms < this.lastMs) continue;
      if (parsed.ms === this.lastMs && this.atLast.has(raw)) continue;
      if (parsed.ms > this.lastMs) {
        this.lastMs = parsed.ms;
        this.atLast = new Set();
      }
      this.atLast.add(raw);
      out.push(parsed);
    }
    return out;
  }

  /** Where the next poll starts (ISO), or undefined before any line. */
  since(): string | undefined {
    return Number.isFinite(this.lastMs) ? new Date(this.lastMs).toISOString() : undefined;
  }
}
