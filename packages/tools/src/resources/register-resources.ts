import {
  type ListResourcesResult,
  type McpServer,
  type ReadResourceResult,
  ResourceTemplate,
  type ServerContext,
  type Variables,
} from '@modelcontextprotocol/server';
import type { HostCall } from '../framework/host-call.js';
import type { ToolContext } from '../framework/tool-context.js';
import {
  COMPOSE_FILE_TEMPLATE,
  COMPOSE_LOGS_TEMPLATE,
  readComposeFile,
  readComposeLogs,
  stackCompleter,
  stackOf,
} from './compose-stack-resources.js';
import { LOGS_TEMPLATE, readContainerLogs } from './container-logs-resource.js';
import { readContainerStats, STATS_TEMPLATE } from './container-stats-resource.js';
import { HOST_INFO_TEMPLATE, readHostInfo } from './host-info-resource.js';
import { containerCompleter, hostCompleter } from './name-completions.js';
import { containerOf, resourceCall, variable } from './resource-call.js';
import { resourceError } from './resource-error.js';

type Read = (uri: string, call: HostCall, vars: Variables) => Promise<ReadResourceResult>;

/**
 * Wraps a read: resolves `{host}` to a per-host call with its own masker (a fork: what
 * this read learns stays with it), and maps every failure to one masked line.
 */
function reader(server: McpServer, context: ToolContext, read: Read) {
  return async (uri: URL, vars: Variables, ctx: ServerContext): Promise<ReadResourceResult> => {
    const masker = context.masker.fork();
    try {
      const call = await resourceCall({ context, server, ctx, masker }, variable(vars.host));
      return await read(uri.href, call, vars);
    } catch (error) {
      throw resourceError(uri.href, error, masker, context.logger);
    }
  };
}

/** One info resource per configured host (the config only: no engine is asked). */
async function listHosts(context: ToolContext): Promise<ListResourcesResult> {
  try {
    const directory = await context.hosts();
    return {
      resources: directory.list().map((h) => ({ uri: `berth://${h.name}/info`, name: `${h.name} info` })),
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
export function registerResources(server: McpServer, context: ToolContext): void {
  const host = hostCompleter(context);
  const container = containerCompleter(context);
  server.registerResource(
    'host_info',
    new ResourceTemplate(HOST_INFO_TEMPLATE, { list: () => listHosts(context), complete: { host } }),
    { title: 'Host info', description: 'Profile and engine summary (JSON)', mimeType: 'application/json' },
    reader(server, context, (uri, call) => readHostInfo(uri, call)),
  );
  server.registerResource(
    'container_logs',
    new ResourceTemplate(LOGS_TEMPLATE, { list: undefined, complete: { host, container } }),
    { title: 'Container logs', description: 'Last 200 log lines, masked', mimeType: 'text/plain' },
    reader(server, context, (uri, call, vars) => readContainerLogs(uri, call, containerOf(vars.container))),
  );
  server.registerResource(
    'container_stats',
    new ResourceTemplate(STATS_TEMPLATE, { list: undefined, complete: { host, container } }),
    {
      title: 'Container stats',
      description: 'One CPU/memory/IO sample (JSON)',
      mimeType: 'application/json',
    },
    reader(server, context, (uri, call, vars) => readContainerStats(uri, call, containerOf(vars.container))),
  );
  const stack = stackCompleter(context);
  server.registerResource(
    'compose_file',
    new ResourceTemplate(COMPOSE_FILE_TEMPLATE, { list: undefined, complete: { host, stack } }),
    {
      title: 'Compose stack file',
      description: 'Resolved compose model, masked (JSON)',
      mimeType: 'application/json',
    },
    reader(server, context, (uri, call, vars) => readComposeFile(uri, call, stackOf(vars.stack))),
  );
  server.registerResource(
    'compose_logs',
    new ResourceTemplate(COMPOSE_LOGS_TEMPLATE, { list: undefined, complete: { host, stack } }),
    {
      title: 'Compose stack logs',
      description: 'Last 200 lines per container, masked',
      mimeType: 'text/plain',
    },
    reader(server, context, (uri, call, vars) => readComposeLogs(uri, call, stackOf(vars.stack))),
  );
}
