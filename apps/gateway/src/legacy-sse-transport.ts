import { randomUUID } from 'node:crypto';
import type { AuthInfo, JSONRPCMessage, Transport } from '@modelcontextprotocol/server';

const encoder = new TextEncoder();

/**
 * The deprecated HTTP+SSE transport (protocol 2024-11-05), for clients that only speak it:
 * `GET /sse` opens the stream, whose first event names the URL to POST messages to; every
 * answer and notification comes back on the stream. One instance per stream; the session
 * lives in this process only (such a client stays on one replica).
 */
export class LegacySseTransport implements Transport {
  readonly sessionId = randomUUID();
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  /** The stream the client reads; ends when either side closes. */
  readonly stream: ReadableStream<Uint8Array>;
  private controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  private closed = false;
  private readonly keepAlive: NodeJS.Timeout;

  constructor(messagesPath: string, keepAliveMs = 15_000) {
    this.stream = new ReadableStream<Uint8Array>({
      start: (controller) => {
        this.controller = controller;
        controller.enqueue(
          encoder.encode(`event: endpoint\ndata: ${messagesPath}?sessionId=${this.sessionId}\n\n`),
        );
      },
      cancel: () => void this.close(),
    });
    this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), keepAliveMs);
    this.keepAlive.unref();
  }

  async start(): Promise<void> {}

  /** Hands one POSTed message to the server; the answer goes out on the stream. */
  receive(message: JSONRPCMessage, authInfo: AuthInfo | undefined): void {
    this.onmessage?.(message, authInfo ? { authInfo } : undefined);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    try {
      this.controller?.close();
    } catch {
      // Already closed by the client.
    }
    this.onclose?.();
  }

  private write(frame: string): void {
    if (this.closed) return;
    try {
      this.controller?.enqueue(encoder.encode(frame));
    } catch (error) {
      this.onerror?.(error as Error);
    }
  }
}
