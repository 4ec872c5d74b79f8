import {
  CLIENT_INFO_META_KEY,
  type Implementation,
  type McpServer,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { Caller } from '../framework/caller.js';

/** Who is calling, for the audit log: the MCP client's own name (either protocol era). */
export function mcpCaller(server: McpServer, ctx: ServerContext, via: Caller['via'] = 'mcp'): Caller {
  const envelope = ctx.mcpReq.envelope as Record<string, unknown> | undefined;
  const info =
    (envelope?.[CLIENT_INFO_META_KEY] as Implementation | undefined) ?? server.server.getClientVersion();
  const name =
    typeof info?.name === 'string' && info.name.length > 0 ? info.name.slice(0, 100) : 'unknown client';
  const session = ctx.sessionId;
  return { via, name, ...(session ? { session } : {}) };
}
