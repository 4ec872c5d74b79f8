import { randomUUID } from 'node:crypto';
import {
  type AuthInfo,
  createMcpHandler,
  isLegacyRequest,
  type JSONRPCMessage,
  type McpServer,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { Logger } from 'pino';
import { LegacySseTransport } from './legacy-sse-transport.js';
import { claimsModernEra } from './modern-claim.js';
import type { RanCall } from './stateless-tool-call.js';

export interface McpEndpointOptions {
  /**
   * A fresh server over the same tools, for one request (2026-07-28) or one session (2025
   * eras). With `ranCall`, its one `tools/call` answers that result instead of calling.
   */
  factory: (ranCall?: RanCall) => McpServer;
  logger: Logger;
  maxBodyBytes: number;
  /** Most 2025-era sessions (Streamable HTTP and SSE together) held at once. */
  maxSessions?: number;
  /** A 2025-era session unused this long is closed. */
  sessionIdleMs?: number;
}

interface Session {
  server: McpServer;
  transport: WebStandardStreamableHTTPServerTransport | LegacySseTransport;
  lastUsed: number;
}

const jsonError = (status: number, code: number, message: string) =>
  Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });

/**
 * MCP over HTTP in every era a client may speak:
 * - 2026-07-28: stateless, a fresh server per request (`createMcpHandler`), so any
 *   replica answers any request of a client; list changes reach `subscriptions/listen`.
 * - 2025-06-18 / 2025-11-25: the initialize handshake and an `Mcp-Session-Id`; the
 *   session's server lives in this process.
 * - 2024-11-05 HTTP+SSE: `GET /sse` and `POST /messages`.
 */
export function createMcpEndpoint(options: McpEndpointOptions) {
  const { logger, maxBodyBytes } = options;
  const maxSessions = options.maxSessions ?? 1000;
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const sessions = new Map<string, Session>();
  /** Results of calls that already ran, by the request the SDK is to answer with them. */
  const ranCalls = new WeakMap<Request, RanCall>();
  const modern = createMcpHandler(
    (context) => options.factory(context.requestInfo && ranCalls.get(context.requestInfo)),
    {
      legacy: 'reject',
      maxRequestBodySize: maxBodyBytes,
      onerror: (error) => logger.debug({ err: error }, 'mcp request refused'),
    },
  );

  const closeSession = async (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.server.close().catch(() => {});
  };
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [id, session] of sessions) if (now - session.lastUsed > idleMs) void closeSession(id);
  }, 60_000);
  sweep.unref();

  const full = () => sessions.size >= maxSessions;

  async function legacyStreamable(
    request: Request,
    authInfo: AuthInfo | undefined,
    parsedBody: unknown,
  ): Promise<Response> {
    const handleOptions = {
      ...(authInfo ? { authInfo } : {}),
      ...(parsedBody !== undefined ? { parsedBody } : {}),
    };
    const id = request.headers.get('mcp-session-id');
    if (id) {
      const session = sessions.get(id);
      if (!session || !(session.transport instanceof WebStandardStreamableHTTPServerTransport)) {
        return jsonError(404, -32001, 'Session not found; initialize again');
      }
      session.lastUsed = Date.now();
      return session.transport.handleRequest(request, handleOptions);
    }
    if (full()) return jsonError(503, -32000, 'Too many sessions; try again later');
    const server = options.factory();
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: maxBodyBytes,
      onsessioninitialized: (sessionId) => {
        sessions.set(sessionId, { server, transport, lastUsed: Date.now() });
      },
      onsessionclosed: (sessionId) => void closeSession(sessionId),
    });
    await server.connect(transport);
    const response = await transport.handleRequest(request, handleOptions);
    // Anything but a successful initialize leaves no session behind.
    if (transport.sessionId === undefined || !sessions.has(transport.sessionId))
      await server.close().catch(() => {});
    return response;
  }

  return {
    /** The number of 2025-era sessions held (for /health and tests). */
    get sessionCount() {
      return sessions.size;
    },

    /**
     * One request to `/mcp`. `parsedBody` is the body already parsed as JSON (undefined when
     * it is not JSON): classifying and serving then neither clone the request nor parse the
     * body again. `ranCall`: the request is a stateless `tools/call` that already ran, whose
     * result the SDK answers (validating it) without calling again.
     */
    async handleMcp(
      request: Request,
      authInfo: AuthInfo | undefined,
      parsedBody?: unknown,
      ranCall?: RanCall,
    ): Promise<Response> {
      if (ranCall) ranCalls.set(request, ranCall);
      // A body that claims the modern era in its envelope is never legacy: it goes straight
      // to the modern handler, which classifies it (once) itself.
      const legacy =
        !claimsModernEra(request.method, parsedBody) &&
        (await isLegacyRequest(request, parsedBody, { maxRequestBodySize: maxBodyBytes }));
      if (legacy) return legacyStreamable(request, authInfo, parsedBody);
      return modern.fetch(request, {
        ...(authInfo ? { authInfo } : {}),
        ...(parsedBody !== undefined ? { parsedBody } : {}),
      });
    },

    /** `GET /sse`: opens a 2024-11-05 session. */
    async openSse(messagesPath: string): Promise<Response> {
      if (full()) return jsonError(503, -32000, 'Too many sessions; try again later');
      const transport = new LegacySseTransport(messagesPath);
      const server = options.factory();
      transport.onclose = () => void closeSession(transport.sessionId);
      sessions.set(transport.sessionId, { server, transport, lastUsed: Date.now() });
      await server.connect(transport);
      return new Response(transport.stream, {
        headers: {
          'content-type': 'text/event-stream',
          'cache-control': 'no-cache',
          connection: 'keep-alive',
        },
      });
    },

    /** `POST /messages?sessionId=…`: one message of a 2024-11-05 session. */
    async postSse(request: Request, authInfo: AuthInfo | undefined): Promise<Response> {
      const id = new URL(request.url).searchParams.get('sessionId') ?? '';
      const session = sessions.get(id);
      if (!session || !(session.transport instanceof LegacySseTransport))
        return new Response('Session not found', { status: 404 });
      let message: JSONRPCMessage;
      try {
        message = (await request.json()) as JSONRPCMessage;
      } catch {
        return jsonError(400, -32700, 'Parse error');
      }
      if (
        typeof message !== 'object' ||
        message === null ||
        (message as { jsonrpc?: unknown }).jsonrpc !== '2.0'
      ) {
        return jsonError(400, -32600, 'Invalid Request');
      }
      session.lastUsed = Date.now();
      session.transport.receive(message, authInfo);
      return new Response('Accepted', { status: 202 });
    },

    /** Tells every client a list changed: listen streams (2026) and each session (2025). */
    listChanged(kind: 'tools' | 'prompts' | 'resources'): void {
      if (kind === 'tools') modern.notify.toolsChanged();
      else if (kind === 'prompts') modern.notify.promptsChanged();
      else modern.notify.resourcesChanged();
      for (const { server } of sessions.values()) {
        if (!server.isConnected()) continue;
        const sent =
          kind === 'tools'
            ? server.server.sendToolListChanged()
            : kind === 'prompts'
              ? server.server.sendPromptListChanged()
              : server.server.sendResourceListChanged();
        void sent.catch(() => {});
      }
    },

    async close(): Promise<void> {
      clearInterval(sweep);
      await modern.close();
      await Promise.all([...sessions.keys()].map(closeSession));
    },
  };
}

export type McpEndpoint = ReturnType<typeof createMcpEndpoint>;
