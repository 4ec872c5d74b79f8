import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';

/**
 * An ssh2 channel dressed as a socket for Node's HTTP client: a Duplex with the socket
 * methods http.Agent calls (setTimeout, setNoDelay, setKeepAlive, ref, unref), `destroy`
 * that closes the channel, and for `docker system dial-stdio` channels an error carrying
 * the remote stderr when the command fails before answering.
 */
export class ChannelSocket extends Duplex {
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private received = false;
  private ended = false;
  private exitCode: number | undefined;
  private stderr = '';

  constructor(
    private readonly channel: ClientChannel,
    private readonly label: string,
  ) {
    super({ allowHalfOpen: true });
    channel.on('data', (chunk: Buffer) => {
      this.received = true;
      this.touch();
      if (!this.push(chunk)) channel.pause();
    });
    channel.on('end', () => this.endReadable());
    channel.on('exit', (code: number | null) => {
      this.exitCode = code ?? 255;
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 2048) this.stderr += chunk.toString('utf8');
    });
    channel.on('error', (error: Error) => this.destroy(error));
    channel.on('close', () => this.onChannelClose());
  }

  private endReadable(): void {
    if (this.ended) return;
    this.ended = true;
    this.push(null);
  }

  private onChannelClose(): void {
    this.clearIdle();
    const failure =
      !this.received && this.exitCode !== undefined && this.exitCode !== 0
        ? new Error(
            `${this.label} failed on the remote host (exit ${this.exitCode})${this.stderr ? `: ${this.stderr.trim()}` : ''}`,
          )
        : undefined;
    if (failure) {
      this.destroy(failure);
      return;
    }
    this.endReadable();
    // Buffered data still reaches the reader; then the socket closes.
    if (this.readableLength === 0) this.destroy();
    else this.once('end', () => this.destroy());
  }

  override _read(): void {
    this.channel.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch();
    this.channel.write(chunk, callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.channel.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearIdle();
    this.channel.close();
    callback(error);
  }

  setTimeout(ms: number, onTimeout?: () => void): this {
    if (onTimeout) {
      if (ms === 0) this.off('timeout', onTimeout);
      else this.once('timeout', onTimeout);
    }
    this.idleMs = ms;
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  private touch(): void {
    this.clearIdle();
    if (this.idleMs > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleMs);
      this.idleTimer.unref();
    }
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
