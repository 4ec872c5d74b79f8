import type { Masker } from '@berth/security';
import type { McpServer, ServerContext } from '@modelcontextprotocol/server';
import type { HostCall } from '../framework/host-call.js';
import { unknownHost } from '../framework/host-param.js';
import { makeHostCall } from '../framework/make-host-call.js';
import type { ToolContext } from '../framework/tool-context.js';
import { ToolError } from '../framework/tool-error.js';
import { mcpCaller } from '../mcp/mcp-caller.js';
import { containerRef } from '../tools/refs.js';

export interface ResourceRead {
  context: ToolContext;
  server: McpServer;
  ctx: ServerContext;
  /** This read's own masker: it learns the read's secrets without growing the server's. */
  masker: Masker;
}

/**
 * The host a resource URI names, as the same per-host call a tool action gets (engine on
 * first use, bound to the request's signal and the profile's timeout), so resources and
 * tools share their readers and their "did you mean".
 */
export async function resourceCall(read: ResourceRead, hostName: string): Promise<HostCall> {
  const { context, server, ctx, masker } = read;
  const directory = await context.hosts();
  const hosts = directory.list();
  const host = hosts.find((h) => h.name === hostName);
  if (!host)
    throw unknownHost(
      hostName,
      hosts.map((h) => h.name),
    );
  const scope = {
    context,
    directory,
    tool: 'resource',
    caller: mcpCaller(server, ctx),
    masker,
    progress: undefined,
  };
  return makeHostCall(scope, host, ctx.mcpReq.signal);
}

/** The `{container}` of a URI, checked like a tool's `id` (no flags, no traversal). */
export function containerOf(value: string | string[] | undefined): string {
  const parsed = containerRef.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success) {
    throw new ToolError('INVALID', `Bad container in URI: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** One URI variable as a string (the SDK gives a list for exploded variables). */
export function variable(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
