import type { Readable, Writable } from 'node:stream';
import { type JSONRPCMessage, serializeMessage, type Transport } from '@modelcontextprotocol/client';

/** The largest JSON-RPC line a server may send; the SDK's stdio transport uses the same cap. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * A line as a JSON-RPC message: JSON with `jsonrpc: "2.0"`. Which kind of message it is,
 * and whether it is well formed for its method, the SDK's protocol layer checks as it
 * dispatches; parsing every line against the SDK's whole message schema here as well (what
 * its ReadBuffer does) cost a schema parse of every result on top of those checks.
 */
function parseLine(line: string): JSONRPCMessage {
  const message: unknown = JSON.parse(line);
  if (message === null || typeof message !== 'object' || (message as { jsonrpc?: unknown }).jsonrpc !== '2.0')
    throw new Error('a line from the server is not a JSON-RPC 2.0 message');
  return message as JSONRPCMessage;
}

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
  /** The chunks of a line not complete yet, joined once its newline arrives. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #closed = false;
  #corked = false;

  constructor(
    private readonly input: Readable,
    private readonly output: Writable,
    private readonly onClosed: () => void = () => {},
  ) {}

  async start(): Promise<void> {
    this.input.on('data', (chunk: Buffer) => this.#receive(chunk));
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

  #receive(chunk: Buffer): void {
    let data = chunk;
    for (let end = data.indexOf(NEWLINE); end !== -1 && !this.#closed; end = data.indexOf(NEWLINE)) {
      let line = data.subarray(0, end);
      data = data.subarray(end + 1);
      if (this.#pending.length > 0) {
        line = Buffer.concat([...this.#pending, line]);
        this.#pending = [];
        this.#pendingBytes = 0;
      }
      this.#line(line);
    }
    if (this.#closed || data.length === 0) return;
    this.#pending.push(data);
    this.#pendingBytes += data.length;
    if (this.#pendingBytes > MAX_MESSAGE_BYTES) {
      this.onerror?.(new Error(`a message from the server exceeds ${MAX_MESSAGE_BYTES} bytes`));
      void this.close();
    }
  }

  #line(bytes: Buffer): void {
    const length =
      bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.length - 1 : bytes.length;
    if (length === 0) return;
    let message: JSONRPCMessage;
    try {
      message = parseLine(bytes.toString('utf8', 0, length));
    } catch (error) {
      // A line that is not JSON-RPC (a server printing to stdout) is reported, not fatal.
      this.onerror?.(error as Error);
      return;
    }
    this.onmessage?.(message);
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
    this.#pending = [];
    this.onClosed();
    this.onclose?.();
  }
}
