import { Writable } from 'node:stream';

/** Bytes of the end-of-transfer mark redis-cli 7.0 leaves after the RDB when writing to stdout. */
export const EOF_MARK_BYTES = 40;

/**
 * A writable that passes an RDB stream on to `target` (never ending it) but holds back its
 * last 40 bytes: `redis-cli --rdb -` appends the diskless transfer's end mark after the RDB,
 * and only its stderr ("after N bytes") says so once the transfer is over.
 */
export class RdbStream extends Writable {
  private held = Buffer.alloc(0);
  total = 0;

  constructor(private readonly target: Writable) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.total += chunk.length;
    const all = Buffer.concat([this.held, chunk]);
    const pass = Math.max(0, all.length - EOF_MARK_BYTES);
    this.held = all.subarray(pass);
    if (pass === 0) callback();
    else if (this.target.write(all.subarray(0, pass))) callback();
    else this.target.once('drain', () => callback());
  }

  /** Writes the held bytes on, unless the RDB itself ended `rdbBytes` in (the rest is the mark). */
  async finish(rdbBytes: number | undefined): Promise<void> {
    if (rdbBytes !== undefined && rdbBytes === this.total - this.held.length) return;
    if (this.held.length > 0 && !this.target.write(this.held))
      await new Promise((resolve) => this.target.once('drain', resolve));
  }
}

/** The RDB's own length, from redis-cli's "Transfer finished with success after N bytes". */
export function rdbBytesOf(stderr: string): number | undefined {
  const m = /Transfer finished with success after ([0-9]+) bytes/.exec(stderr);
  return m ? Number(m[1]) : undefined;
}

/** An RDB file starts with `REDIS` and a four-digit version. */
export const isRdb = (head: Buffer): boolean =>
  /^REDIS[0-9]{4}$/.test(head.subarray(0, 9).toString('latin1'));
