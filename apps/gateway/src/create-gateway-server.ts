import { describeError } from '@berth/errors';
import type { PromptResourceAggregator, ToolAggregator } from '@berth/provisioning';
import { elicitConfirm } from '@berth/tools';
import {
  CLIENT_INFO_META_KEY,
  type Implementation,
  McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { BerthSurface } from './berth-surface.js';
import { gatewayCaller } from './berth-tool-source.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { TakeRanCall } from './mcp-endpoint.js';

export const GATEWAY_NAME = 'berth-gateway';
export const GATEWAY_VERSION = '0.0.0';
/** The gateway as its answers name it (`serverInfo`). */
export const GATEWAY_SERVER_INFO = { name: GATEWAY_NAME, version: GATEWAY_VERSION, title: 'berth gateway' };

const INSTRUCTIONS = `berth-gateway serves berth's Docker tools and the tools of other MCP servers.
A tool another server offers under a name already taken is listed as "<server>__<tool>".
berth's tools pick the operation with "action"; "host" names a configured profile. Data-losing actions answer with a plan and a "confirm_token": call again with it to go ahead.`;

export interface GatewayServerOptions {
  aggregator: ToolAggregator;
  /** Prompts and resources: berth's and other servers', merged. */
  prompts: PromptResourceAggregator;
  /** Resource templates and completion, which only berth's surface offers. */
  berth: BerthSurface;
  /** Who authenticated: the token's holder, or `anonymous` on an unauthenticated loopback gateway. */
  principal: string;
  metrics?: GatewayMetrics;
  /**
   * The outcome of a `tools/call` that already ran, by its HTTP request (the fast path ran
   * it and leaves the answer to the SDK): returned or thrown as it is, nothing called again.
   */
  takeRanCall?: TakeRanCall;
}

/** A failed prompt or resource request as MCP's error: a missing name is the caller's mistake. */
function protocolError(error: unknown): ProtocolError {
  const { code, message } = describeError(error);
  const invalid = code === 'NOT_FOUND' || code === 'INVALID';
  return new ProtocolError(
    invalid ? ProtocolErrorCode.InvalidParams : ProtocolErrorCode.InternalError,
    message,
  );
}

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw protocolError(error);
  }
}

function clientName(server: McpServer, ctx: ServerContext): string | undefined {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const info =
    (envelope?.[CLIENT_INFO_META_KEY] as Implementation | undefined) ?? server.server.getClientVersion();
  return typeof info?.name === 'string' ? info.name : undefined;
}

/**
 * One MCP server over the gateway's aggregation: tools go to the tool aggregator (berth's
 * own tools are one of its sources), prompts and resources to theirs (berth's are one
 * source there too), resource templates and completion to berth's surface. It registers
 * nothing, so it is cheap to build: the stateless era builds one per request. Nothing
 * here starts a backend.
 */
export function createGatewayServer(options: GatewayServerOptions): McpServer {
  const { aggregator, metrics } = options;
  const server = new McpServer(GATEWAY_SERVER_INFO, {
    capabilities: {
      tools: { listChanged: true },
      resources: { listChanged: true },
      prompts: { listChanged: true },
      completions: {},
      logging: {},
    },
    instructions: INSTRUCTIONS,
  });
  server.server.setRequestHandler('tools/list', async () => ({ tools: await aggregator.listTools() }));
  server.server.setRequestHandler('tools/call', async (request, ctx) => {
    const ranCall = options.takeRanCall?.(ctx.http?.req);
    if (ranCall) {
      if ('thrown' in ranCall) throw ranCall.thrown;
      return ranCall.result;
    }
    const { name, arguments: args = {} } = request.params;
    const token = ctx.mcpReq._meta?.progressToken;
    const started = performance.now();
    const result = await aggregator.callTool(name, args, {
      caller: gatewayCaller(options.principal, clientName(server, ctx), ctx.sessionId),
      signal: ctx.mcpReq.signal,
      // A client that can answer is asked before a data-losing berth action, as berth-mcp does.
      confirm: elicitConfirm(server, ctx),
      ...(ctx.sessionId ? { session: ctx.sessionId } : {}),
      ...(token === undefined
        ? {}
        : {
            onProgress: (progress) =>
              void ctx.mcpReq
                .notify({ method: 'notifications/progress', params: { progressToken: token, ...progress } })
                .catch(() => {}),
          }),
    });
    metrics?.observeCall(name, result.isError === true, (performance.now() - started) / 1000);
    return result;
  });
  const { prompts, berth } = options;
  const low = server.server;
  low.setRequestHandler('prompts/list', () => answer(async () => ({ prompts: await prompts.listPrompts() })));
  low.setRequestHandler('prompts/get', (request, ctx) =>
    answer(() =>
      prompts.getPrompt(request.params.name, request.params.arguments ?? {}, {
        signal: ctx.mcpReq.signal,
        ...(ctx.sessionId ? { session: ctx.sessionId } : {}),
      }),
    ),
  );
  low.setRequestHandler('resources/list', () =>
    answer(async () => ({ resources: await prompts.listResources() })),
  );
  low.setRequestHandler('resources/read', (request, ctx) =>
    answer(() =>
      prompts.readResource(request.params.uri, {
        signal: ctx.mcpReq.signal,
        ...(ctx.sessionId ? { session: ctx.sessionId } : {}),
      }),
    ),
  );
  low.setRequestHandler('resources/templates/list', (_request, ctx) =>
    answer(() => berth.listResourceTemplates(ctx.mcpReq.signal)),
  );
  low.setRequestHandler('completion/complete', (request, ctx) =>
    answer(() => berth.complete(request.params, ctx.mcpReq.signal)),
  );
  return server;
}
