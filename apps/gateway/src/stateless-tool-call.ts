import type { IncomingHttpHeaders } from 'node:http';
import type { ToolAggregator } from '@berth/provisioning';
import {
  type CallToolResult,
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  isJsonContentType,
  PROTOCOL_VERSION_META_KEY,
  SERVER_INFO_META_KEY,
} from '@modelcontextprotocol/server';
import { gatewayCaller } from './berth-tool-source.js';
import { GATEWAY_SERVER_INFO } from './create-gateway-server.js';
import type { GatewayMetrics } from './gateway-metrics.js';

/**
 * The stateless-era revisions the fast path serves. The SDK does not export its list of
 * them; a revision it comes to serve later goes the SDK's way until it is added here.
 */
const STATELESS_REVISIONS: ReadonlySet<string> = new Set(['2026-07-28']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Whether every own key of `value` is one of `allowed`. */
const keysWithin = (value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean => {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
};

const BODY_KEYS = new Set(['jsonrpc', 'id', 'method', 'params']);
const PARAMS_KEYS = new Set(['name', 'arguments', '_meta']);
const META_KEYS = new Set([PROTOCOL_VERSION_META_KEY, CLIENT_INFO_META_KEY, CLIENT_CAPABILITIES_META_KEY]);
const CLIENT_INFO_KEYS = new Set(['name', 'version', 'title']);

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
};

/** A stateless-era tool call in the one shape the fast path serves. */
export interface StatelessCall {
  id: string | number;
  name: string;
  arguments: Record<string, unknown>;
  clientName: string | undefined;
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
): StatelessCall | undefined {
  if (method !== 'POST' || !isJsonContentType(headers['content-type'] ?? null)) return undefined;
  if (!isObject(body) || body.jsonrpc !== '2.0' || body.method !== 'tools/call') return undefined;
  if (!keysWithin(body, BODY_KEYS)) return undefined;
  const { id, params } = body;
  if (!(typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)))) return undefined;
  if (!isObject(params) || !keysWithin(params, PARAMS_KEYS)) return undefined;
  const { name, arguments: args = {}, _meta: meta } = params;
  if (typeof name !== 'string' || name.length === 0 || !isObject(args)) return undefined;
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
 * The result as the SDK's server would answer it, when the SDK's validation would leave it
 * as it is: content of text blocks only (`type` then `text`), then optionally
 * `structuredContent` and `isError`, in that order. Undefined for any other result, which
 * the SDK's server then answers itself.
 */
export function plainResultJson(result: CallToolResult): string | undefined {
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
  return JSON.stringify({
    ...result,
    resultType: 'complete',
    _meta: { [SERVER_INFO_META_KEY]: GATEWAY_SERVER_INFO },
  });
}

export interface StatelessToolCallOptions {
  aggregator: ToolAggregator;
  principal: string;
  metrics?: GatewayMetrics;
}

/** A call that ran: its result, or what it threw. */
export type RanCall = { result: CallToolResult } | { thrown: unknown };

/** What the fast path did with a call. */
export type StatelessOutcome =
  /** Not its kind of call (berth's own tools, an unknown name): nothing ran; serve it the SDK's way. */
  | { kind: 'declined' }
  /** The call ran and its answer is this JSON-RPC response body. */
  | { kind: 'answered'; body: string }
  /**
   * The call ran; the SDK's server answers it, as its own handler had returned the result
   * (validating it) or thrown.
   */
  | { kind: 'ran'; ran: RanCall };

/**
 * The stateless era's most frequent request, a tool call routed to another MCP server,
 * served without the SDK's per-request server: the same aggregation (interceptors, audit,
 * masking), the same caller identity and metrics, and an answer byte for byte the one the
 * SDK's path gives (the gateway's tests compare the two). berth's own tools, which may ask
 * the user before acting, always go the SDK's way.
 */
export function createStatelessToolCall(options: StatelessToolCallOptions) {
  const { aggregator, metrics } = options;
  return async function serve(call: StatelessCall, signal: AbortSignal): Promise<StatelessOutcome> {
    const route = await aggregator.sourceOf(call.name);
    if (!route || route.reserved) return { kind: 'declined' };
    const started = performance.now();
    let result: CallToolResult;
    try {
      result = await aggregator.callTool(call.name, call.arguments, {
        caller: gatewayCaller(options.principal, call.clientName),
        signal,
      });
    } catch (thrown) {
      return { kind: 'ran', ran: { thrown } };
    }
    metrics?.observeCall(call.name, result.isError === true, (performance.now() - started) / 1000);
    const json = plainResultJson(result);
    if (json === undefined) return { kind: 'ran', ran: { result } };
    return { kind: 'answered', body: `{"result":${json},"jsonrpc":"2.0","id":${JSON.stringify(call.id)}}` };
  };
}

export type StatelessToolCall = ReturnType<typeof createStatelessToolCall>;
