import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AuthInfo } from '@modelcontextprotocol/server';
import type { Logger } from 'pino';
import { bearerCheck } from './bearer-token.js';
import type { RanCall } from './fast-tool-call.js';
import { type FastCall, type FastToolCall, matchSessionCall, matchStatelessCall } from './fast-tool-call.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { ListenAddress } from './listen-address.js';
import type { McpEndpoint } from './mcp-endpoint.js';
import {
  BodyTooLargeError,
  parseJsonBody,
  readNodeRequest,
  sendWebResponse,
  toWebRequest,
  webRequestOf,
} from './node-http.js';
import { createRequestGuard } from './request-guard.js';
import { SessionReply } from './session-reply.js';

export interface GatewayHttpOptions {
  listen: ListenAddress;
  endpoint: McpEndpoint;
  metrics: GatewayMetrics;
  logger: Logger;
  /** The bearer token every request but /health must carry; undefined: none (loopback only). */
  token: string | undefined;
  /** The principal of an authenticated request, as the audit log names it. */
  principal: string;
  allowedHosts?: readonly string[];
  allowedOrigins?: readonly string[];
  maxBodyBytes: number;
  /** Serves tool calls to other servers without the SDK's server in between. */
  fastToolCall?: FastToolCall;
}

/** A JSON-RPC answer already serialized, written as it is (no web Response built for it). */
interface JsonAnswer {
  status: 200;
  serialized: string;
}

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });

/**
 * The gateway's HTTP face on Node's http module: `/mcp` (Streamable HTTP, both eras),
 * `/sse` + `/messages` (the 2024-11-05 transport), `/metrics` (Prometheus, behind the
 * token) and `/health` (no token, says nothing but that it runs). Every other path
 * answers 404. Host and Origin are checked before the token, the token before the body
 * is read past its limit.
 */
export function createGatewayHttpServer(options: GatewayHttpOptions): Server {
  const { endpoint, metrics, logger } = options;
  const guard = createRequestGuard(options);
  const authInfo: AuthInfo = { token: '', clientId: options.principal, scopes: [] };
  const tokenMatches = options.token === undefined ? undefined : bearerCheck(options.token);

  /** A POST to `/mcp`: the fast path's kind of tool call, else the SDK's endpoint. Undefined: answered on `res`. */
  async function mcp(
    req: IncomingMessage,
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<Response | JsonAnswer | undefined> {
    const parts = await readNodeRequest(req, options.maxBodyBytes);
    const json = parseJsonBody(parts.body);
    const serveSdk = (ran?: RanCall) =>
      endpoint.handleMcp(webRequestOf(parts, json, signal), authInfo, json, ran);
    const fast = options.fastToolCall;
    const call: FastCall | undefined =
      fast &&
      (matchStatelessCall(req.method, req.headers, json) ??
        matchSessionCall(req.method, req.headers, json, (id) => endpoint.fastSession(id)));
    if (!fast || !call) return serveSdk();
    if (!call.session) {
      const outcome = await fast(call, signal);
      if (outcome.kind === 'answered') return { status: 200, serialized: outcome.message };
      return serveSdk(outcome.kind === 'ran' ? outcome.ran : undefined);
    }
    const reply = new SessionReply(res, call.session.id);
    try {
      const outcome = await fast(call, signal, () => reply.start());
      if (outcome.kind === 'declined') return serveSdk();
      if (outcome.kind === 'answered') reply.answer(outcome.message);
      else if (outcome.kind === 'cancelled') reply.end();
      else await reply.handOver(await serveSdk(outcome.ran));
      return undefined;
    } finally {
      // A failure on the way leaves no header timer or keep-alive running.
      reply.stop();
    }
  }

  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<Response | JsonAnswer | undefined> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health' && (req.method === 'GET' || req.method === 'HEAD')) {
      return Response.json({ status: 'ok' });
    }
    // Node's parsed headers as the guard reads them: no web Headers built for three values.
    const headers = {
      get: (name: 'host' | 'origin' | 'authorization') => {
        const value = req.headers[name];
        return typeof value === 'string' ? value : null;
      },
    };
    const refused = guard.check(headers);
    if (refused) return text(refused.status, refused.message);
    if (tokenMatches && !tokenMatches(headers.get('authorization'))) {
      return text(401, 'A bearer token is required (Authorization: Bearer <token>)', {
        'www-authenticate': 'Bearer realm="berth-gateway"',
      });
    }
    if (path === '/metrics' && req.method === 'GET') {
      return new Response(await metrics.render(), { headers: { 'content-type': metrics.contentType } });
    }
    if (path === '/mcp') return mcp(req, res, signal);
    if (path === '/sse' && req.method === 'GET') return endpoint.openSse('/messages');
    if (path === '/messages' && req.method === 'POST') {
      return endpoint.postSse(await toWebRequest(req, options.maxBodyBytes, signal), authInfo);
    }
    return text(404, 'Not found: the MCP endpoint is /mcp');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const gone = new AbortController();
    // Only a client that leaves before its answer is complete cancels anything: aborting
    // after every finished answer would run the whole abort chain (request, SDK, backend
    // call) once per call for nothing.
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    let response: Response | JsonAnswer | undefined;
    try {
      response = await route(req, res, gone.signal);
    } catch (error) {
      if (error instanceof BodyTooLargeError) response = text(413, error.message);
      else {
        logger.error({ err: error, method: req.method, path: req.url }, 'request failed');
        response = res.headersSent ? undefined : text(500, 'Internal error');
        if (res.headersSent) res.end();
      }
    }
    const status = response?.status ?? res.statusCode;
    // Built only when written: at the default level this line costs nothing per call.
    if (logger.isLevelEnabled('debug')) {
      logger.debug(
        {
          method: req.method,
          path: (req.url ?? '').split('?')[0],
          status,
          ms: Math.round(performance.now() - started),
        },
        'http request',
      );
    }
    if (status === 401 || status === 403) {
      logger.info({ method: req.method, path: (req.url ?? '').split('?')[0], status }, 'request refused');
    }
    if (response === undefined) return;
    if (response instanceof Response) return sendWebResponse(res, response);
    // The headers the SDK's JSON answer has, and its length. A string body leaves with the
    // headers in one write (a Buffer would take a writev of two).
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(response.serialized, 'utf8')),
    });
    res.end(response.serialized, 'utf8');
  }

  const server = createServer((req, res) => void handle(req, res));
  // Slow-loris guard: a client must send its headers and body within these.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}

/** Listens and resolves with the address bound (port 0 picks a free port). */
export function listen(server: Server, address: ListenAddress): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
