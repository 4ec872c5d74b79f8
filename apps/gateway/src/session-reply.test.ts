import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionReply } from './session-reply.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real server whose one request is answered by `answer`, and the response a client reads. */
async function exchange(answer: (res: ServerResponse) => Promise<void>) {
  const server: Server = createServer((_req, res) => void answer(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/`);
  const headersAfterMs = performance.now() - started;
  const body = await response.text();
  server.close();
  return { response, headersAfterMs, body };
}

describe('SessionReply', () => {
  let reply: SessionReply | undefined;
  afterEach(() => reply?.stop());

  it('answers a quick call in one piece, with its length and the session', async () => {
    const { response, body } = await exchange(async (res) => {
      reply = new SessionReply(res, 'session-1', { headersAfterMs: 1_000 });
      reply.start();
      reply.answer('{"result":{},"jsonrpc":"2.0","id":1}');
    });
    expect([response.headers.get('content-type'), response.headers.get('mcp-session-id')]).toEqual([
      'text/event-stream',
      'session-1',
    ]);
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
    expect(body).toBe('event: message\ndata: {"result":{},"jsonrpc":"2.0","id":1}\n\n');
  });

  it('opens the stream of a long call early and keeps it alive until the answer', async () => {
    const { response, body } = await exchange(async (res) => {
      reply = new SessionReply(res, 'session-2', { headersAfterMs: 20, keepAliveMs: 30 });
      reply.start();
      await sleep(130);
      reply.answer('{"result":{},"jsonrpc":"2.0","id":2}');
    });
    expect(response.headers.get('content-length')).toBeNull();
    const keepAlives = body.split(': keepalive\n\n');
    expect(keepAlives.length - 1).toBeGreaterThanOrEqual(2);
    expect(keepAlives.at(-1)).toBe('event: message\ndata: {"result":{},"jsonrpc":"2.0","id":2}\n\n');
  });

  it('ends a cancelled call with no event, and hands over an event stream the SDK answered', async () => {
    const cancelled = await exchange(async (res) => {
      reply = new SessionReply(res, 'session-3', { headersAfterMs: 10 });
      reply.start();
      await sleep(30);
      reply.end();
    });
    expect([cancelled.response.status, cancelled.body]).toEqual([200, '']);
    const handedOver = await exchange(async (res) => {
      reply = new SessionReply(res, 'session-4', { headersAfterMs: 10 });
      reply.start();
      await sleep(30);
      const sdk = new Response('event: message\ndata: {"id":4}\n\n', {
        headers: { 'content-type': 'text/event-stream' },
      });
      await reply.handOver(sdk);
    });
    expect(handedOver.body).toBe('event: message\ndata: {"id":4}\n\n');
    // Once the stream is open, an answer that is not an event stream cannot follow: it ends.
    const lost = await exchange(async (res) => {
      reply = new SessionReply(res, 'session-5', { headersAfterMs: 10 });
      reply.start();
      await sleep(30);
      await reply.handOver(Response.json({ error: 'session gone' }, { status: 404 }));
    });
    expect([lost.response.status, lost.body]).toEqual([200, '']);
  });
});
