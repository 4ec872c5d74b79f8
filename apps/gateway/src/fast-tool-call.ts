import type { IncomingHttpHeaders } from 'node:http';
import type { ToolAggregator } from '@berth/provisioning';
import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  isJsonContentType,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
  SUPPORTED_PROTOCOL_VERSIONS,
} from '@modelcontextprotocol/server';
import { gatewayCaller } from './berth-tool-source.js';
import { GATEWAY_SERVER_INFO } from './create-gateway-server.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import { isObject } from './json-object.js';

/**
 * The stateless-era revisions the fast path serves. The SDK does not export its list of
 * them; a revision it comes to serve later goes the SDK's way until it is added here.
 */
const STATELESS_REVISIONS: ReadonlySet<string> = new Set(['2026-07-28']);

/** Whether every own key of `value` is one of `allowed`. */
const keysWithin = (value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean => {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
};

const BODY_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const PARAMS_KEYS = new Set(['name', 'arguments', '_meta']);
const SESSION_PARAMS_KEYS = new Set(['name', 'arguments']);
const META_KEYS = new Set([PROTOCOL_VERSION_META_KEY, CLIENT_INFO_META_KEY, CLIENT_CAPABILITIES_META_KEY]);
const CLIENT_INFO_KEYS = new Set(['name', 'version', 'title']);

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
};

/** A 2025-era session as the fast path sees it (the endpoint keeps the session itself). */
export interface FastSession {
  id: string;
  /** The MCP client's name from its `initialize`, for the audit caller. */
  clientName: string | undefined;
  /** Fast calls in flight by JSON-RPC id: the client's `notifications/cancelled` aborts one. */
  inFlight: Map<string | number, AbortController>;
  /** Marks the session used now (its idle timer starts again). */
  touch(): void;
}

/** A tool call in the one shape the fast path serves, of either era. */
export interface FastCall {
  id: string | number;
  name: string;
  arguments: Record<string, unknown>;
  clientName: string | undefined;
  /** The 2025-era session it came in; undefined in the stateless era. */
  session?: FastSession;
}

/** The JSON-RPC request id, name and arguments of a plain `tools/call` body with params of `allowed` keys. */
function plainCall(
  body: unknown,
  allowed: ReadonlySet<string>,
):
  | { id: string | number; name: string; args: Record<string, unknown>; params: Record<string, unknown> }
  | undefined {
  if (!isObject(body) || body.jsonrpc !== '2.0' || body.method !== 'tools/call') return undefined;
  if (!keysWithin(body, BODY_KEYS)) return undefined;
  const { id, params } = body;
  if (!(typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)))) return undefined;
  if (!isObject(params) || !keysWithin(params, allowed)) return undefined;
  const { name, arguments: args = {} } = params;
  if (typeof name !== 'string' || name.length === 0 || !isObject(args)) return undefined;
  return { id, name, args, params };
}

/**
 * The call a request is, when it is a stateless-era (2026-07-28) `tools/call` in the plain
 * shape MCP clients send: a JSON-RPC request with a name, arguments and the envelope's
 * revision, client info and capabilities, and standard headers that agree with the body.
 * Anything else (another method, a progress token, request state, a trace context, an
 * unusual envelope, headers that disagree) answers undefined and goes the SDK's way, whose
 * checks then accept or refuse it as the SDK would.
 */
export function matchStatelessCall(
  method: string | undefined,
  headers: IncomingHttpHeaders,
  body: unknown,
): FastCall | undefined {
  if (method !== 'POST' || !isJsonContentType(headers['content-type'] ?? null)) return undefined;
  const call = plainCall(body, PARAMS_KEYS);
  if (!call) return undefined;
  const { id, name, args } = call;
  const meta = call.params._meta;
  if (!isObject(meta) || !keysWithin(meta, META_KEYS)) return undefined;
  const revision = meta[PROTOCOL_VERSION_META_KEY];
  if (typeof revision !== 'string' || !STATELESS_REVISIONS.has(revision)) return undefined;
  const capabilities = meta[CLIENT_CAPABILITIES_META_KEY];
  if (!isObject(capabilities) || !Object.values(capabilities).every(isObject)) return undefined;
  const info = meta[CLIENT_INFO_META_KEY];
  if (
    info !== undefined &&
    !(
      isObject(info) &&
      keysWithin(info, CLIENT_INFO_KEYS) &&
      typeof info.name === 'string' &&
      typeof info.version === 'string' &&
      (info.title === undefined || typeof info.title === 'string')
    )
  )
    return undefined;
  if (
    header(headers, 'mcp-protocol-version') !== revision ||
    header(headers, 'mcp-method') !== 'tools/call' ||
    header(headers, 'mcp-name') !== name ||
    !(headers.accept ?? '').includes('application/json')
  )
    return undefined;
  return { id, name, arguments: args, clientName: info === undefined ? undefined : (info.name as string) };
}

/**
 * The call a request is, when it is a `tools/call` of a 2025-era session (the `initialize`
 * handshake, an `Mcp-Session-Id`) in the plain shape: a name and arguments, nothing in
 * `_meta`, headers the SDK's session transport accepts (it takes JSON and event streams, a
 * supported revision), in a session `sessionOf` knows. Anything else goes the SDK's way.
 */
export function matchSessionCall(
  method: string | undefined,
  headers: IncomingHttpHeaders,
  body: unknown,
  sessionOf: (id: string) => FastSession | undefined,
): FastCall | undefined {
  if (method !== 'POST' || !isJsonContentType(headers['content-type'] ?? null)) return undefined;
  const accept = headers.accept ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return undefined;
  const revision = headers['mcp-protocol-version'];
  if (typeof revision !== 'string' || !SUPPORTED_PROTOCOL_VERSIONS.includes(revision)) return undefined;
  const sessionId = headers['mcp-session-id'];
  const session = typeof sessionId === 'string' ? sessionOf(sessionId) : undefined;
  if (!session) return undefined;
  const call = plainCall(body, SESSION_PARAMS_KEYS);
  if (!call) return undefined;
  return { id: call.id, name: call.name, arguments: call.args, clientName: session.clientName, session };
}

/**
 * The result as the SDK's server would answer it, when the SDK's validation would leave it
 * as it is: content of text blocks only (`type` then `text`), then optionally
 * `structuredContent` and `isError`, in that order; the stateless era adds its
 * `resultType` and the gateway's `serverInfo`. Undefined for any other result, which the
 * SDK's server then answers itself.
 */
export function plainResultJson(result: CallToolResult, stateless: boolean): string | undefined {
  let last = -1;
  for (const key in result) {
    const at = key === 'content' ? 0 : key === 'structuredContent' ? 1 : key === 'isError' ? 2 : -1;
    if (at <= last) return undefined;
    last = at;
  }
  if (!Array.isArray(result.content)) return undefined;
  for (const block of result.content) {
    if (!isObject(block) || block.type !== 'text' || typeof block.text !== 'string') return undefined;
    let keys = 0;
    for (const key in block) {
      if (key !== (keys === 0 ? 'type' : 'text')) return undefined;
      keys++;
    }
  }
  if (result.isError !== undefined && typeof result.isError !== 'boolean') return undefined;
  if ('structuredContent' in result && !isObject(result.structuredContent)) return undefined;
  if (!stateless) return JSON.stringify(result);
  return JSON.stringify({
    ...result,
    resultType: 'complete',
    _meta: { [SERVER_INFO_META_KEY]: GATEWAY_SERVER_INFO },
  });
}

export interface FastToolCallOptions {
  aggregator: ToolAggregator;
  principal: string;
  metrics?: GatewayMetrics;
}

/** A call that ran: its result, or what it threw. */
export type RanCall = { result: CallToolResult } | { thrown: unknown };

/** What the fast path did with a call. */
export type FastOutcome =
  /** Not its kind of call (berth's own tools, an unknown name): nothing ran; serve it the SDK's way. */
  | { kind: 'declined' }
  /** The call ran and its answer is this JSON-RPC response message. */
  | { kind: 'answered'; message: string }
  /** The session's client cancelled the call: no answer is due (as the SDK sends none). */
  | { kind: 'cancelled' }
  /**
   * The call ran; the SDK's server answers it, as its own handler had returned the result
   * (validating it) or thrown.
   */
  | { kind: 'ran'; ran: RanCall };

/**
 * The most frequent request, a tool call routed to another MCP server, served without the
 * SDK's server in between (in the stateless era, without building one per request): the
 * same aggregation (interceptors, audit, masking), the same caller identity, session and
 * metrics, and the answer the SDK's path gives (the gateway's tests compare the two).
 * berth's own tools, which may ask the user before acting, always go the SDK's way.
 * `onRun` is called once the call is taken, before it runs.
 */
export function createFastToolCall(options: FastToolCallOptions) {
  const { aggregator, metrics } = options;
  return async function serve(call: FastCall, signal: AbortSignal, onRun?: () => void): Promise<FastOutcome> {
    const route = await aggregator.sourceOf(call.name);
    if (!route || route.reserved) return { kind: 'declined' };
    const { session } = call;
    // In a session the client cancels with a notification, not by closing the request.
    const cancel = session ? new AbortController() : undefined;
    const onGone = () => cancel?.abort(signal.reason);
    if (session && cancel) {
      session.touch();
      session.inFlight.set(call.id, cancel);
      signal.addEventListener('abort', onGone, { once: true });
    }
    onRun?.();
    const started = performance.now();
    let result: CallToolResult;
    try {
      result = await aggregator.callTool(call.name, call.arguments, {
        caller: gatewayCaller(options.principal, call.clientName, session?.id),
        signal: cancel?.signal ?? signal,
        ...(session ? { session: session.id } : {}),
      });
    } catch (thrown) {
      return { kind: 'ran', ran: { thrown } };
    } finally {
      if (session && cancel) {
        signal.removeEventListener('abort', onGone);
        if (session.inFlight.get(call.id) === cancel) session.inFlight.delete(call.id);
        session.touch();
      }
    }
    metrics?.observeCall(call.name, result.isError === true, (performance.now() - started) / 1000);
    if (cancel?.signal.aborted && !signal.aborted) return { kind: 'cancelled' };
    const json = plainResultJson(result, session === undefined);
    if (json === undefined) return { kind: 'ran', ran: { result } };
    return {
      kind: 'answered',
      message: `{"result":${json},"jsonrpc":"2.0","id":${JSON.stringify(call.id)}}`,
    };
  };
}

export type FastToolCall = ReturnType<typeof createFastToolCall>;
