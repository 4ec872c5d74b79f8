import { getEventListeners } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Client,
  type FetchLike,
  SSEClientTransport,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestHttpMcpServer, type TestHttpMcpServer } from '../test/test-http-mcp-server.js';
import { ownSignalFetch } from './own-signal-fetch.js';

const listeners = (signal: AbortSignal) => getEventListeners(signal, 'abort').length;

describe('through the SDK transports to a real HTTP MCP server', () => {
  let http: TestHttpMcpServer;
  beforeAll(async () => {
    http = await startTestHttpMcpServer();
  });
  afterAll(async () => {
    await http?.close();
  });

  const kinds = [
    {
      kind: 'Streamable HTTP',
      transport: (fetch: FetchLike) =>
        new StreamableHTTPClientTransport(new URL(`${http.url}/mcp`), { fetch }),
    },
    {
      kind: 'HTTP+SSE',
      transport: (fetch: FetchLike) => new SSEClientTransport(new URL(`${http.url}/sse`), { fetch }),
    },
  ];
  for (const { kind, transport } of kinds) {
    it(`${kind}: 300 calls leave no listener on the connection's signal, and closing ends its streams`, async () => {
      // The signals the transport hands to fetch: one per connection, shared by its requests.
      const given = new Set<AbortSignal>();
      const fetchOwn = ownSignalFetch(fetch);
      const client = new Client({ name: 'berth-test', version: '0' });
      await client.connect(
        transport((url, init) => {
          if (init?.signal) given.add(init.signal);
          return fetchOwn(url, init);
        }),
      );
      for (let i = 0; i < 300; i++) {
        const result = await client.callTool({ name: 'echo', arguments: { text: `n${i}` } });
        expect(result.content).toEqual([{ type: 'text', text: `echo: n${i}` }]);
      }
      expect(given.size).toBeGreaterThan(0);
      // Node's fetch alone leaves about one listener per call here (300). Once the last
      // call's stream has ended, at most the event stream the transport keeps open holds one.
      await vi.waitFor(() => {
        for (const signal of given) expect(listeners(signal)).toBeLessThanOrEqual(1);
      });
      await client.close();
      for (const signal of given) expect(listeners(signal)).toBe(0);
    });
  }
});

describe('requests on one signal', () => {
  let url: string;
  let closed: Promise<void>;
  let streams: ServerResponse[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/stream') {
      // An event stream that never ends on its own.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': open\n\n');
      streams.push(res);
      closed = new Promise((resolve) => res.once('close', () => resolve()));
      return;
    }
    if (req.url === '/empty') return void res.writeHead(204).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of streams) res.destroy();
    streams = [];
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const fetchOwn = ownSignalFetch(fetch);

  it('keeps its link to the caller while the body is read, and drops it once the body is read', async () => {
    const outer = new AbortController();
    const response = await fetchOwn(`${url}/json`, { signal: outer.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.url).toBe(`${url}/json`);
    expect(listeners(outer.signal)).toBe(1);
    expect(await response.json()).toEqual({ ok: true });
    expect(listeners(outer.signal)).toBe(0);
  });

  it('drops the link at once for a response with no body', async () => {
    const outer = new AbortController();
    const response = await fetchOwn(`${url}/empty`, { signal: outer.signal });
    expect(response.status).toBe(204);
    expect(listeners(outer.signal)).toBe(0);
  });

  it("ends an open stream when the caller's signal aborts", async () => {
    const outer = new AbortController();
    const response = await fetchOwn(`${url}/stream`, { signal: outer.signal });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe(': open\n\n');
    outer.abort(new Error('connection closed'));
    await expect(reader.read()).rejects.toThrow();
    await closed; // the server saw the request go away
    expect(listeners(outer.signal)).toBe(0);
  });

  it('drops the link when the reader cancels the body, and the server sees the request end', async () => {
    const outer = new AbortController();
    const response = await fetchOwn(`${url}/stream`, { signal: outer.signal });
    await (response.body as ReadableStream<Uint8Array>).cancel();
    expect(listeners(outer.signal)).toBe(0);
    await closed;
  });

  it('many in flight hold one listener on the signal, and its abort ends them all', async () => {
    const outer = new AbortController();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => fetchOwn(`${url}/stream`, { signal: outer.signal })),
    );
    expect(listeners(outer.signal)).toBe(1);
    const readers = responses.map((r) => (r.body as ReadableStream<Uint8Array>).getReader());
    for (const reader of readers) await reader.read();
    outer.abort(new Error('connection closed'));
    for (const reader of readers) await expect(reader.read()).rejects.toThrow();
    expect(listeners(outer.signal)).toBe(0);
    // A request after the abort is refused at once, as fetch refuses it.
    await expect(fetchOwn(`${url}/json`, { signal: outer.signal })).rejects.toThrow('connection closed');
  });

  it('drops the link when the request fails, and passes an aborted signal straight through', async () => {
    const outer = new AbortController();
    // Port 1 on loopback: nothing listens there, so the connection is refused.
    const refused = new URL(url);
    refused.port = '1';
    await expect(fetchOwn(refused, { signal: outer.signal })).rejects.toThrow();
    expect(listeners(outer.signal)).toBe(0);
    outer.abort(new Error('gone'));
    await expect(fetchOwn(`${url}/json`, { signal: outer.signal })).rejects.toThrow('gone');
  });
});
