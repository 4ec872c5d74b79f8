import { registerBerthTools, type ToolContext } from '@berth/tools';
import { McpServer } from '@modelcontextprotocol/server';

export const SERVER_NAME = 'berth';
export const SERVER_VERSION = '0.0.0';

// Said once here rather than in every tool's schema (tools/list budget).
const INSTRUCTIONS = `berth manages Docker engines (local and remote over SSH or TCP/TLS).
Tools are grouped by resource; pick the operation with "action".
"host" names a configured profile (see system action hosts); omitted, the default host is used.
Read tools also take a list of hosts or "*" and answer per host, with per-host errors beside the rows.
Results are capped: pass "limit" and the "cursor" from "next" for more, "fields" to keep only some keys.
Destructive tools take dry_run:true to see the plan first.`;

/**
 * Builds one MCP server instance. The stdio entry asks for one per connection; both
 * protocol eras (2026-07-28 and the 2025 initialize handshake) are served from it.
 * It touches no Docker engine: tools connect when they are called.
 */
export function createServer(context: ToolContext): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'berth: Docker for agents' },
    { capabilities: { tools: {}, logging: {} }, instructions: INSTRUCTIONS },
  );
  registerBerthTools(server, context);
  return server;
}
