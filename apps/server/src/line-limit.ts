import { Transform, type TransformCallback } from 'node:stream';

/** The stdio reader's limit on one JSON-RPC line by default: the MCP SDK's own default. */
export const DEFAULT_MAX_LINE_BYTES = 10 * 1024 * 1024;

/** A JSON-RPC line longer than the reader accepts. */
export class LineTooLongError extends Error {
  constructor(readonly maxLineBytes: number) {
    super(`a JSON-RPC line passed ${maxLineBytes} bytes`);
    this.name = 'LineTooLongError';
  }
}

/**
 * Passes stdin on one whole line at a time, and fails with LineTooLongError as soon as a
 * line passes `maxLineBytes`, before the rest of it is read. Linear: each byte is looked
 * at once, and the pieces of a line are joined once. Whole lines also spare the SDK's
 * reader, which joins its buffer to every chunk it gets.
 */
export class LineLimit extends Transform {
  private parts: Buffer[] = [];
  private size = 0;

  constructor(private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      if (this.size + end - start > this.maxLineBytes) {
        done(new LineTooLongError(this.maxLineBytes));
        return;
      }
      const piece = chunk.subarray(start, end + 1);
      this.push(this.parts.length === 0 ? piece : Buffer.concat([...this.parts, piece]));
      this.parts = [];
      this.size = 0;
      start = end + 1;
    }
    const rest = chunk.length - start;
    if (this.size + rest > this.maxLineBytes) {
      done(new LineTooLongError(this.maxLineBytes));
      return;
    }
    if (rest > 0) {
      this.parts.push(chunk.subarray(start));
      this.size += rest;
    }
    done();
  }

  // A last line without its newline is no message: the SDK's reader would drop it too.
  override _flush(done: TransformCallback): void {
    this.parts = [];
    done();
  }
}
