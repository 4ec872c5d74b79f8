import {
  type ListResourcesResult,
  type McpServer,
  type ReadResourceResult,
  ResourceTemplate,
  type ServerContext,
  type Variables,
} from '@modelcontextprotocol/server';
import type { ToolContext } from '../framework/tool-context.js';
import { LOGS_TEMPLATE, readContainerLogs } from './container-logs-resource.js';
import { readContainerStats, STATS_TEMPLATE } from './container-stats-resource.js';
import { HOST_INFO_TEMPLATE, readHostInfo } from './host-info-resource.js';
import { containerCompleter, hostCompleter } from './name-completions.js';
import { resourceError } from './resource-error.js';
import { containerOf, type ResourceHost, resourceHost, variable } from './resource-host.js';

type Read = (
  uri: string,
  target: ResourceHost,
  vars: Variables,
  signal: AbortSignal,
) => Promise<ReadResourceResult>;

/** Wraps a read: resolves `{host}`, and maps every failure to one masked line. */
function reader(context: ToolContext, read: Read) {
  return async (uri: URL, vars: Variables, ctx: ServerContext): Promise<ReadResourceResult> => {
    const { signal } = ctx.mcpReq;
    try {
      const target = await resourceHost(context, variable(vars.host), signal);
      return await read(uri.href, target, vars, signal);
    } catch (error) {
      throw resourceError(uri.href, error, context);
    }
  };
}

/** One info resource per configured host (the config only: no engine is asked). */
async function listHosts(context: ToolContext): Promise<ListResourcesResult> {
  try {
    const backend = await context.backend();
    return {
      resources: backend.hosts().map((h) => ({ uri: `berth://${h.name}/info`, name: `${h.name} info` })),
    };
  } catch (error) {
    context.logger.debug({ err: error }, 'listing host resources failed');
    return { resources: [] };
  }
}

/**
 * Registers berth's resources: host info and container logs and stats, as URI templates
 * whose `host` completes from the profiles and `container` from that host's containers.
 * All are reads, so read-only mode keeps them. Nothing touches an engine before a read.
 */
export function registerBerthResources(server: McpServer, context: ToolContext): void {
  const host = hostCompleter(context);
  const container = containerCompleter(context);
  server.registerResource(
    'host_info',
    new ResourceTemplate(HOST_INFO_TEMPLATE, { list: () => listHosts(context), complete: { host } }),
    { title: 'Host info', description: 'Profile and engine summary (JSON)', mimeType: 'application/json' },
    reader(context, (uri, target, _vars, signal) => readHostInfo(uri, target, context, signal)),
  );
  server.registerResource(
    'container_logs',
    new ResourceTemplate(LOGS_TEMPLATE, { list: undefined, complete: { host, container } }),
    { title: 'Container logs', description: 'Last 200 log lines, masked', mimeType: 'text/plain' },
    reader(context, (uri, target, vars, signal) =>
      readContainerLogs(uri, target, containerOf(vars.container), context, signal),
    ),
  );
  server.registerResource(
    'container_stats',
    new ResourceTemplate(STATS_TEMPLATE, { list: undefined, complete: { host, container } }),
    {
      title: 'Container stats',
      description: 'One CPU/memory/IO sample (JSON)',
      mimeType: 'application/json',
    },
    reader(context, (uri, target, vars, signal) =>
      readContainerStats(uri, target, containerOf(vars.container), signal),
    ),
  );
}
