import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import {
  auditInterceptor,
  createPromptResourceAggregator,
  createToolAggregator,
  createToolListCache,
  maskResultsInterceptor,
  type PromptResourceAggregator,
  type ToolAggregator,
  type ToolSource,
} from '@berth/provisioning';
import { BERTH_TOOLS, createToolContext, type ToolContext } from '@berth/tools';
import type { Logger } from 'pino';
import { type BerthSurface, createBerthSurface } from './berth-surface.js';
import { berthToolSource } from './berth-tool-source.js';
import type { CatalogBackends } from './catalog-backends.js';
import type { GatewayCliOptions } from './cli-options.js';
import { createGatewayServer } from './create-gateway-server.js';
import { createFastToolCall } from './fast-tool-call.js';
import { createGatewayHttpServer, listen } from './gateway-http-server.js';
import { createGatewayMetrics, type GatewayMetrics } from './gateway-metrics.js';
import { createMcpEndpoint, type McpEndpoint } from './mcp-endpoint.js';

export interface GatewayParts {
  context: ToolContext;
  aggregator: ToolAggregator;
  /** Prompts and resources of berth and the other servers. */
  prompts: PromptResourceAggregator;
  berth: BerthSurface;
  metrics: GatewayMetrics;
  /** Stops every backend (removing its containers), then releases berth's engine connections. */
  dispose(): Promise<void>;
}

export interface GatewayPartsOptions {
  cli: GatewayCliOptions;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  /** Other servers' tools, after berth's own (tests hand in their own). */
  sources?: readonly ToolSource[];
  /** The catalog's servers: their tools follow berth's, and they close with the gateway. */
  backends?: CatalogBackends;
}

/** The tool context, the aggregation over berth's tools and `sources`, and the metrics. */
export function createGatewayParts(options: GatewayPartsOptions): GatewayParts {
  const { cli, logger } = options;
  const context = createToolContext({
    tools: BERTH_TOOLS,
    toolsets: cli.toolsets,
    configPath: cli.configPath,
    trustProject: cli.trustProject,
    defaultHost: cli.host,
    readOnly: cli.readOnly,
    confirm: cli.confirm,
    auditLog: cli.auditLog === 'off' ? false : cli.auditLog,
    env: options.env ?? process.env,
    logger: logger.child({ subsystem: 'tools' }),
  });
  // One cache file per catalog: two gateways on one machine may serve different servers
  // under the same names.
  const cacheName = cli.catalog
    ? `tools-${createHash('sha256').update(resolve(cli.catalog)).digest('hex').slice(0, 12)}.json`
    : 'tools.json';
  const cachePath =
    cli.toolCache === 'off'
      ? undefined
      : (cli.toolCache ?? join(context.paths.stateDir, 'gateway', cacheName));
  const berth = berthToolSource(context);
  const { backends } = options;
  const sources = () => [berth, ...(options.sources ?? []), ...(backends?.sources() ?? [])];
  const aggregator = createToolAggregator({
    sources: sources(),
    cache: createToolListCache(cachePath),
    // Audit first: its `started` line is written before anything else runs, and its
    // last line after the masking has seen the result.
    interceptors: [auditInterceptor(context.audit), maskResultsInterceptor(context.masker)],
    logger: logger.child({ subsystem: 'aggregate' }),
  });
  const berthSurface = createBerthSurface(context);
  const others = () => [berthSurface.source, ...(options.sources ?? []), ...(backends?.sources() ?? [])];
  const prompts = createPromptResourceAggregator({
    sources: others(),
    logger: logger.child({ subsystem: 'aggregate' }),
    maskText: (text) => context.masker.maskText(text),
  });
  // A catalog reload swaps the backends: their lists are fetched again, clients told.
  const offReload = backends?.onChange((changed) => {
    aggregator.setSources(sources(), changed);
    prompts.setSources(others(), changed);
  });
  const metrics = createGatewayMetrics((tool) => aggregator.hasTool(tool), {
    ...(backends ? { containers: () => backends.containers() } : {}),
  });
  return {
    context,
    aggregator,
    prompts,
    berth: berthSurface,
    metrics,
    async dispose() {
      offReload?.();
      aggregator.close();
      prompts.close();
      await berthSurface.close();
      await backends
        ?.close()
        .catch((error: unknown) => logger.error({ err: error }, 'closing the backends failed'));
      await context.dispose();
    },
  };
}

export interface RunningGateway {
  /** The MCP endpoint's URL, e.g. `http://127.0.0.1:8811/mcp`. */
  url: string;
  server: Server;
  endpoint: McpEndpoint;
  close(): Promise<void>;
}

export interface HttpGatewayOptions {
  /**
   * Whether tool calls to other servers skip the SDK's server in between (see
   * `createFastToolCall`); default true. False serves every request the SDK's way, which
   * the tests compare the fast path against.
   */
  fastToolCalls?: boolean;
}

/** Serves `parts` over HTTP on `cli.listen`; `token` undefined only when unauthenticated is allowed. */
export async function startHttpGateway(
  parts: GatewayParts,
  cli: GatewayCliOptions,
  logger: Logger,
  token: string | undefined,
  options: HttpGatewayOptions = {},
): Promise<RunningGateway> {
  const principal = token === undefined ? 'anonymous' : cli.principal;
  const endpoint = createMcpEndpoint({
    factory: (takeRanCall) =>
      createGatewayServer({
        aggregator: parts.aggregator,
        prompts: parts.prompts,
        berth: parts.berth,
        principal,
        metrics: parts.metrics,
        takeRanCall,
      }),
    logger: logger.child({ subsystem: 'mcp' }),
    maxBodyBytes: cli.maxBodyBytes,
  });
  const offTools = parts.aggregator.onToolsChanged(() => endpoint.listChanged('tools'));
  const offOthers = parts.prompts.onListChanged((kind) => endpoint.listChanged(kind));
  const server = createGatewayHttpServer({
    listen: cli.listen,
    endpoint,
    metrics: parts.metrics,
    logger: logger.child({ subsystem: 'http' }),
    token,
    principal,
    allowedHosts: cli.allowedHosts,
    allowedOrigins: cli.allowedOrigins,
    maxBodyBytes: cli.maxBodyBytes,
    ...(options.fastToolCalls === false
      ? {}
      : {
          fastToolCall: createFastToolCall({
            aggregator: parts.aggregator,
            principal,
            metrics: parts.metrics,
          }),
        }),
  });
  const address = await listen(server, cli.listen);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/mcp`,
    server,
    endpoint,
    async close() {
      offTools();
      offOthers();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await endpoint.close();
      await parts.dispose();
    },
  };
}
