import { Transform, type TransformCallback, type Writable } from 'node:stream';

/**
 * Passes bytes through unchanged and writes each chunk to `side` as well, waiting for
 * the slower of the two: the upload and the hashing read the same stream in step, so
 * neither buffers more than a chunk ahead of the other.
 */
export class TarTee extends Transform {
  constructor(private readonly side: Writable) {
    super();
    side.on('error', (error) => this.destroy(error));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.side.write(chunk)) callback(null, chunk);
    else this.side.once('drain', () => callback(null, chunk));
  }

  override _flush(callback: TransformCallback): void {
    this.side.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (error) this.side.destroy(error);
    callback(error);
  }
}
