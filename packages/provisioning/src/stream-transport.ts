import type { Readable, Writable } from 'node:stream';
import {
  type JSONRPCMessage,
  ReadBuffer,
  serializeMessage,
  type Transport,
} from '@modelcontextprotocol/client';

/** The largest JSON-RPC line a server may send; the SDK's stdio transport uses the same cap. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * An MCP transport over any byte stream pair carrying newline-delimited JSON-RPC: a
 * container's attached stdin/stdout, or a TCP socket to a static server. The SDK's stdio
 * transport only spawns processes, so this one takes the streams instead. `onclose` fires
 * once, when the output ends or either side fails or `close()` is called.
 */
export class StreamTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly #buffer = new ReadBuffer({ maxBufferSize: MAX_MESSAGE_BYTES });
  #closed = false;
  #corked = false;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly onClosed: () => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.input.on('data', (chunk: Buffer) => {
      try {
        this.#buffer.append(chunk);
        for (let message = this.#buffer.readMessage(); message; message = this.#buffer.readMessage()) {
          this.onmessage?.(message);
        }
      } catch (error) {
        // A line that is not JSON-RPC (a server printing to stdout) is reported, not fatal.
        this.onerror?.(error as Error);
        if (/exceed|buffer/i.test((error as Error).message)) void this.close();
      }
    });
    const end = () => void this.close();
    this.input.once('end', end);
    this.input.once('close', end);
    this.input.once('error', (error: Error) => {
      this.onerror?.(error);
      end();
    });
    this.output.once('error', (error: Error) => {
      this.onerror?.(error);
      end();
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('the transport is closed'));
    // Messages sent in one turn of the event loop leave in one write: each write to a
    // container's attach socket wakes the engine, which on a busy machine preempts the
    // gateway right there, so concurrent calls share that cost instead of paying it each.
    if (!this.#corked) {
      this.#corked = true;
      this.output.cork();
      setImmediate(() => {
        this.#corked = false;
        this.output.uncork();
      });
    }
    return new Promise((resolve, reject) => {
      const ok = this.output.write(serializeMessage(message), (error) => {
        if (!error) return;
        // A corked message still buffered when the stream is destroyed fails here first.
        const closed = this.output.destroyed && (error as { code?: unknown }).code === 'ERR_STREAM_DESTROYED';
        reject(
          closed ? new Error('the transport closed before the message was sent', { cause: error }) : error,
        );
      });
      if (ok) return resolve();
      // A stream that closes while full never drains: fail the send instead of hanging it.
      const drained = () => {
        this.output.off('close', closed);
        resolve();
      };
      const closed = () => {
        this.output.off('drain', drained);
        reject(new Error('the transport closed before the message was sent'));
      };
      this.output.once('drain', drained);
      this.output.once('close', closed);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#buffer.clear();
    this.onClosed();
    this.onclose?.();
  }
}
