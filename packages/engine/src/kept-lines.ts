import type { LogLine } from './log-lines.js';
import type { ContainerLogs } from './logs.js';

const sizeOf = (line: LogLine) => Buffer.byteLength(line.text) + 1;

/**
 * The lines of one logs read under a byte cap: the first ones up to it, or the newest
 * ones that fit (older lines leave as newer ones come, each line added and dropped once,
 * the newest always kept).
 */
export class KeptLines {
  private lines: LogLine[] = [];
  private first = 0;
  private bytes = 0;
  private dropped = 0;
  private truncated = false;

  constructor(
    private readonly maxBytes: number,
    private readonly keep: 'first' | 'last',
  ) {}

  /** Adds a line; false when the read may stop (the first lines filled the cap). */
  add(line: LogLine): boolean {
    const size = sizeOf(line);
    if (this.keep === 'first') {
      if (this.bytes + size > this.maxBytes) {
        this.truncated = true;
        return false;
      }
      this.lines.push(line);
      this.bytes += size;
      return true;
    }
    this.lines.push(line);
    this.bytes += size;
    // The newest line stays even when it alone passes the cap (a line is cut at its own cap).
    while (this.bytes > this.maxBytes && this.first < this.lines.length - 1) {
      this.bytes -= sizeOf(this.lines[this.first] as LogLine);
      this.first++;
      this.dropped++;
      this.truncated = true;
    }
    // Compacted now and then, so dropping stays linear and dropped lines are freed.
    if (this.first > 1024 && this.first * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.first);
      this.first = 0;
    }
    return true;
  }

  result(): ContainerLogs {
    return { lines: this.lines.slice(this.first), truncated: this.truncated, dropped: this.dropped };
  }
}
