/** One line out of a LineSplitter. */
export interface SplitLine {
  /** The line without its ending, at most `maxLineBytes` of it. */
  text: string;
  /** Bytes of the line past the cap: read and dropped, never kept. 0 when the line is whole. */
  cutBytes: number;
}

/** Cap of one line by default: far above any real log or JSON line, far below a hostile one. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Turns pieces of one byte stream into text lines, in time linear in the bytes pushed:
 * each byte is looked at once and pieces of a line are joined once, when it ends. A line
 * longer than `maxLineBytes` keeps its first bytes (cut at a character boundary) and
 * counts the rest without keeping it, so memory stays flat however long a line runs.
 * UTF-8 characters split across pieces stay whole; `\r\n` endings lose their `\r`.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private kept = 0;
  private cut = 0;

  constructor(private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {}

  push(data: Buffer): SplitLine[] {
    const lines: SplitLine[] = [];
    let start = 0;
    for (let end = data.indexOf(NEWLINE); end !== -1; end = data.indexOf(NEWLINE, start)) {
      this.take(data.subarray(start, end));
      lines.push(this.emit());
      start = end + 1;
    }
    if (start < data.length) this.take(data.subarray(start));
    return lines;
  }

  /** The last line when the stream did not end with a newline. */
  flush(): SplitLine[] {
    return this.kept === 0 && this.cut === 0 ? [] : [this.emit()];
  }

  private take(piece: Buffer): void {
    const room = this.maxLineBytes - this.kept;
    const keep = Math.min(room, piece.length);
    if (keep > 0) {
      this.parts.push(piece.subarray(0, keep));
      this.kept += keep;
    }
    this.cut += piece.length - keep;
  }

  private emit(): SplitLine {
    let bytes = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.kept);
    let cutBytes = this.cut;
    if (cutBytes > 0) {
      const end = characterBoundary(bytes);
      cutBytes += bytes.length - end;
      bytes = bytes.subarray(0, end);
    } else if (bytes[bytes.length - 1] === CR) {
      bytes = bytes.subarray(0, -1);
    }
    // Copied out, so the line holds no reference to the (larger) chunk it came in.
    const text = bytes.toString('utf8');
    this.parts = [];
    this.kept = 0;
    this.cut = 0;
    return { text, cutBytes };
  }
}

/** The end of `bytes` moved back before a UTF-8 character the cap split, if any. */
function characterBoundary(bytes: Buffer): number {
  let start = bytes.length;
  // Back to the lead byte of the last character (at most three continuation bytes).
  while (start > 0 && bytes.length - start < 4 && ((bytes[start - 1] as number) & 0xc0) === 0x80) start--;
  if (start === 0) return bytes.length;
  const lead = bytes[start - 1] as number;
  const size = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return bytes.length - (start - 1) >= size ? bytes.length : start - 1;
}
