import type { ServerResponse } from 'node:http';
import { sendWebResponse } from './node-http.js';

/** The headers the SDK's session transport answers a request POST with. */
function eventStreamHeaders(sessionId: string): Record<string, string> {
  return {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'mcp-session-id': sessionId,
  };
}

export interface SessionReplyTimings {
  /** How long a call runs before the headers go out on their own (default 1 s). */
  headersAfterMs?: number;
  /** Interval of the keep-alive comment while the call runs (default 15 s, as the SDK's). */
  keepAliveMs?: number;
}

/**
 * The answer to a 2025-era session's tool call that the fast path runs, as the SDK's
 * session transport gives it: an event stream carrying one `message` event. The headers
 * go out when the answer does, or once the call has run `headersAfterMs`, so a quick call
 * leaves in one write and a long one is seen started, with a keep-alive comment every
 * `keepAliveMs` as the SDK's stream has, so clients and proxies waiting on it see it alive.
 */
export class SessionReply {
  #headersTimer: NodeJS.Timeout | undefined;
  #keepAlive: NodeJS.Timeout | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly sessionId: string,
    private readonly timings: SessionReplyTimings = {},
  ) {}

  /** The call runs from now. */
  start(): void {
    this.#headersTimer = setTimeout(() => this.#open(), this.timings.headersAfterMs ?? 1_000);
    this.#headersTimer.unref();
  }

  #open(): void {
    if (this.res.headersSent || this.res.destroyed) return;
    this.res.writeHead(200, eventStreamHeaders(this.sessionId));
    this.res.flushHeaders();
    this.#keepAlive = setInterval(() => {
      if (this.res.writableEnded) this.stop();
      else this.res.write(': keepalive\n\n');
    }, this.timings.keepAliveMs ?? 15_000);
    this.#keepAlive.unref();
  }

  /** Stops the timers (every way of answering does); safe to call twice. */
  stop(): void {
    clearTimeout(this.#headersTimer);
    clearInterval(this.#keepAlive);
  }

  /** Sends the JSON-RPC response `message` as the stream's one event and ends it. */
  answer(message: string): void {
    this.stop();
    const event = `event: message\ndata: ${message}\n\n`;
    if (this.res.headersSent) {
      this.res.end(event);
      return;
    }
    this.res.writeHead(200, {
      ...eventStreamHeaders(this.sessionId),
      'content-length': String(Buffer.byteLength(event)),
    });
    this.res.end(event);
  }

  /** Ends the stream with no event: the client cancelled the call, so no answer is due. */
  end(): void {
    this.stop();
    if (!this.res.headersSent) this.res.writeHead(200, eventStreamHeaders(this.sessionId));
    this.res.end();
  }

  /**
   * Sends what the SDK answered instead. When the stream is already open, only an event
   * stream's body can follow its headers; any other answer (the session ended meanwhile)
   * ends the stream, which the client reads as a lost answer.
   */
  async handOver(response: Response): Promise<void> {
    this.stop();
    if (!this.res.headersSent) return sendWebResponse(this.res, response);
    const streamed =
      response.status === 200 && response.headers.get('content-type')?.startsWith('text/event-stream');
    if (!streamed || !response.body) {
      await response.body?.cancel().catch(() => {});
      this.res.end();
      return;
    }
    return sendWebResponse(this.res, response, { headersWritten: true });
  }
}
