import type { ToolAggregator } from '@berth/provisioning';
import { registerPrompts, registerResources, type ToolContext } from '@berth/tools';
import {
  CLIENT_INFO_META_KEY,
  type Implementation,
  McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { gatewayCaller } from './berth-tool-source.js';
import type { GatewayMetrics } from './gateway-metrics.js';

export const GATEWAY_NAME = 'berth-gateway';
export const GATEWAY_VERSION = '0.0.0';

const INSTRUCTIONS = `berth-gateway serves berth's Docker tools (read, create, container_ops, remove, host_config) and the tools of other MCP servers.
A tool another server offers under a name already taken is listed as "<server>__<tool>".
berth's tools pick the operation with "action"; "host" names a configured profile. Data-losing actions answer with a plan and a "confirm_token": call again with it to go ahead.`;

export interface GatewayServerOptions {
  context: ToolContext;
  aggregator: ToolAggregator;
  /** Who authenticated: the token's holder, or `anonymous` on an unauthenticated loopback gateway. */
  principal: string;
  metrics?: GatewayMetrics;
  /** `tools`: a server for one tools/* request, without berth's prompts and resources. */
  surface?: 'tools' | 'all';
}

function clientName(server: McpServer, ctx: ServerContext): string | undefined {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const info =
    (envelope?.[CLIENT_INFO_META_KEY] as Implementation | undefined) ?? server.server.getClientVersion();
  return typeof info?.name === 'string' ? info.name : undefined;
}

/**
 * One MCP server over the gateway's aggregation: tools/list and tools/call go to the
 * aggregator (berth's own tools are one of its sources), berth's resources and prompts
 * are registered as berth-mcp registers them. Cheap to build: the stateless era builds
 * one per request; nothing here starts a backend.
 */
export function createGatewayServer(options: GatewayServerOptions): McpServer {
  const { aggregator, metrics } = options;
  const server = new McpServer(
    { name: GATEWAY_NAME, version: GATEWAY_VERSION, title: 'berth gateway' },
    {
      capabilities: { tools: { listChanged: true }, resources: {}, prompts: {}, logging: {} },
      instructions: INSTRUCTIONS,
    },
  );
  server.server.setRequestHandler('tools/list', async () => ({ tools: await aggregator.listTools() }));
  server.server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name, arguments: args = {} } = request.params;
    const token = ctx.mcpReq._meta?.progressToken;
    const started = performance.now();
    const result = await aggregator.callTool(name, args, {
      caller: gatewayCaller(options.principal, clientName(server, ctx), ctx.sessionId),
      signal: ctx.mcpReq.signal,
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
  if (options.surface !== 'tools') {
    registerResources(server, options.context);
    registerPrompts(server, options.context);
  }
  return server;
}
