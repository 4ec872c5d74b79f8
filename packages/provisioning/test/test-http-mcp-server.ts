import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type JSONRPCMessage,
  McpServer,
  type Transport,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import { z } from 'zod';

/** A small HTTP MCP server for tests, on 127.0.0.1: Streamable HTTP on /mcp, legacy HTTP+SSE on /sse. */
export interface TestHttpMcpServer extends AsyncDisposable {
  url: string;
  /** The Authorization header of every request, in order. */
  authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

function mcpServer(): McpServer {
  const server = new McpServer({ name: 'berth-test-http', version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Returns its text.', inputSchema: z.object({ text: z.string() }) },
    async ({ text }) => ({ content: [{ type: 'text', text: `echo: ${text}` }] }),
  );
  server.registerTool('hidden', { description: 'Outside any allowlist.' }, async () => ({
    content: [{ type: 'text', text: 'hidden' }],
  }));
  return server;
}

/** The 2024-11-05 HTTP+SSE transport: GET opens the event stream, POSTs carry client messages. */
class SseTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly sessionId = randomUUID();
  constructor(private readonly res: ServerResponse) {}
  async start(): Promise<void> {
    this.res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    this.res.write(`event: endpoint\ndata: /messages?sessionId=${this.sessionId}\n\n`);
    this.res.once('close', () => this.onclose?.());
  }
  async send(message: JSONRPCMessage): Promise<void> {
    this.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }
  async close(): Promise<void> {
    this.res.end();
  }
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function startTestHttpMcpServer(): Promise<TestHttpMcpServer> {
  const authorizations: Array<string | undefined> = [];
  const streamable = new Map<string, WebStandardStreamableHTTPServerTransport>();
  const sse = new Map<string, SseTransport>();
  const servers: McpServer[] = [];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    authorizations.push(req.headers.authorization);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/sse' && req.method === 'GET') {
      const transport = new SseTransport(res);
      sse.set(transport.sessionId, transport);
      const server = mcpServer();
      servers.push(server);
      await server.connect(transport);
      return;
    }
    if (url.pathname === '/messages' && req.method === 'POST') {
      const transport = sse.get(url.searchParams.get('sessionId') ?? '');
      if (!transport) return void res.writeHead(404).end();
      transport.onmessage?.(JSON.parse((await body(req)).toString('utf8')) as JSONRPCMessage);
      return void res.writeHead(202).end();
    }
    if (url.pathname !== '/mcp') return void res.writeHead(404).end();
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers))
      if (typeof value === 'string') headers.set(name, value);
    const payload = req.method === 'POST' ? await body(req) : undefined;
    const request = new Request(url, {
      method: req.method ?? 'GET',
      headers,
      ...(payload ? { body: payload } : {}),
    });
    const id = req.headers['mcp-session-id'];
    let transport = typeof id === 'string' ? streamable.get(id) : undefined;
    if (!transport) {
      const fresh = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => void streamable.set(sessionId, fresh),
      });
      const server = mcpServer();
      servers.push(server);
      await server.connect(fresh);
      transport = fresh;
    }
    const response = await transport.handleRequest(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    res.once('close', () => void reader.cancel().catch(() => {}));
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) res.write(chunk.value);
    res.end();
  };

  const http = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const close = async () => {
    await Promise.allSettled(servers.map((s) => s.close()));
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
  return { url: `http://127.0.0.1:${port}`, authorizations, close, [Symbol.asyncDispose]: close };
}
