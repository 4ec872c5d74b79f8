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
import type { FastSession, RanCall } from './fast-tool-call.js';
import { isObject } from './json-object.js';
import { LegacySseTransport } from './legacy-sse-transport.js';
import { claimsModernEra } from './modern-claim.js';

export interface McpEndpointOptions {
  /**
   * A fresh server over the same tools, for one request (2026-07-28) or one session (2025
   * eras). A `tools/call` whose HTTP request `takeRanCall` knows already ran: the server
   * answers with its outcome instead of calling again.
   */
  factory: (takeRanCall: TakeRanCall) => McpServer;
  logger: Logger;
  maxBodyBytes: number;
  /** Most 2025-era sessions (Streamable HTTP and SSE together) held at once. */
  maxSessions?: number;
  /** A 2025-era session unused this long is closed. */
  sessionIdleMs?: number;
}

/** The outcome of the already-run `tools/call` an HTTP request carries, taken once. */
export type TakeRanCall = (request: Request | undefined) => RanCall | undefined;

interface Session {
  server: McpServer;
  transport: WebStandardStreamableHTTPServerTransport | LegacySseTransport;
  lastUsed: number;
  /** The fast path's view of a Streamable HTTP session. */
  fast?: FastSession;
}

/** The request id a `notifications/cancelled` body names, if it is one. */
function cancelledRequestId(body: unknown): string | number | undefined {
  if (!isObject(body) || body.method !== 'notifications/cancelled' || !isObject(body.params))
    return undefined;
  const id = body.params.requestId;
  return typeof id === 'string' || typeof id === 'number' ? id : undefined;
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
  /** Outcomes of calls that already ran, by the request the SDK is to answer with them. */
  const ranCalls = new WeakMap<Request, RanCall>();
  const takeRanCall: TakeRanCall = (request) => {
    const ran = request && ranCalls.get(request);
    if (request) ranCalls.delete(request);
    return ran;
  };
  const modern = createMcpHandler(() => options.factory(takeRanCall), {
    legacy: 'reject',
    maxRequestBodySize: maxBodyBytes,
    onerror: (error) => logger.debug({ err: error }, 'mcp request refused'),
  });

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
      // A call the fast path runs is cancelled here; the notification still reaches the SDK.
      const cancelled = cancelledRequestId(parsedBody);
      if (cancelled !== undefined) session.fast?.inFlight.get(cancelled)?.abort('cancelled by the client');
      return session.transport.handleRequest(request, handleOptions);
    }
    if (full()) return jsonError(503, -32000, 'Too many sessions; try again later');
    const server = options.factory(takeRanCall);
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      maxRequestBodySize: maxBodyBytes,
      onsessioninitialized: (sessionId) => {
        const session: Session = { server, transport, lastUsed: Date.now() };
        session.fast = {
          id: sessionId,
          get clientName() {
            return server.server.getClientVersion()?.name;
          },
          inFlight: new Map(),
          touch: () => {
            session.lastUsed = Date.now();
          },
        };
        sessions.set(sessionId, session);
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
     * body again. `ranCall`: the request is a `tools/call` the fast path already ran, whose
     * outcome the SDK's server answers (validating a result) without calling again.
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

    /** A live 2025-era Streamable HTTP session as the fast path sees it; undefined for any other id. */
    fastSession(id: string): FastSession | undefined {
      return sessions.get(id)?.fast;
    },

    /** `GET /sse`: opens a 2024-11-05 session. */
    async openSse(messagesPath: string): Promise<Response> {
      if (full()) return jsonError(503, -32000, 'Too many sessions; try again later');
      const transport = new LegacySseTransport(messagesPath);
      const server = options.factory(takeRanCall);
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
