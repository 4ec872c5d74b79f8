import { EngineError } from './engine-error.js';

export type StreamName = 'stdin' | 'stdout' | 'stderr';

export interface Frame {
  stream: StreamName;
  data: Buffer;
}

const STREAMS: readonly StreamName[] = ['stdin', 'stdout', 'stderr'];
const HEADER = 8;

/**
 * Splits Docker's multiplexed attach/logs/exec stream into stdout and stderr pieces.
 * Each frame is an 8-byte header (stream type, three zero bytes, big-endian payload size)
 * followed by the payload; headers and payloads may be split across chunks anywhere.
 *
 * A container started with a TTY sends raw bytes instead. In `auto` mode the first eight
 * bytes decide: a valid header means multiplexed, anything else (text never starts with
 * a 0-2 byte followed by three NULs) means raw, reported as stdout.
 *
 * Payloads are passed on as they arrive (a large frame may come out in several pieces of
 * the same stream), so memory stays flat however big a frame is.
 */
export class FrameDemuxer {
  private header = Buffer.alloc(0);
  private remaining = 0;
  private current: StreamName = 'stdout';
  private mode: 'auto' | 'multiplexed' | 'raw';

  constructor(mode: 'auto' | 'multiplexed' | 'raw' = 'auto') {
    this.mode = mode;
  }

  /** True when the stream ended inside a frame (the engine cut it short). */
  get incomplete(): boolean {
    return this.remaining > 0 || (this.mode === 'multiplexed' && this.header.length > 0);
  }

  push(chunk: Buffer): Frame[] {
    const frames: Frame[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.mode === 'raw') {
        frames.push({ stream: 'stdout', data: chunk.subarray(offset) });
        break;
      }
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - offset);
        frames.push({ stream: this.current, data: chunk.subarray(offset, offset + take) });
        this.remaining -= take;
        offset += take;
        continue;
      }
      const take = Math.min(HEADER - this.header.length, chunk.length - offset);
      this.header = Buffer.concat([this.header, chunk.subarray(offset, offset + take)]);
      offset += take;
      if (this.header.length < HEADER) break;
      const header = this.header;
      this.header = Buffer.alloc(0);
      if (!isHeader(header)) {
        if (this.mode === 'multiplexed') {
          throw new EngineError('ENGINE', 'the engine stream lost frame alignment (invalid frame header)', {
            header: header.toString('hex'),
          });
        }
        // Not multiplexed after all: everything is raw output, header bytes included.
        this.mode = 'raw';
        frames.push({ stream: 'stdout', data: header });
        continue;
      }
      this.mode = 'multiplexed';
      this.current = STREAMS[header[0] ?? 1] ?? 'stdout';
      this.remaining = header.readUInt32BE(4);
    }
    return frames;
  }

  /** Call at the end of the stream: bytes too few for a header are raw output in `auto` mode. */
  end(): Frame[] {
    if (this.mode === 'auto' && this.header.length > 0) {
      const data = this.header;
      this.header = Buffer.alloc(0);
      this.mode = 'raw';
      return [{ stream: 'stdout', data }];
    }
    return [];
  }
}

function isHeader(header: Buffer): boolean {
  return (header[0] ?? 9) <= 2 && header[1] === 0 && header[2] === 0 && header[3] === 0;
}
