import { registerPrompts, registerResources, registerTools, type ToolContext } from '@berth/tools';
import { McpServer } from '@modelcontextprotocol/server';

export const SERVER_NAME = 'berth';
export const SERVER_VERSION = '0.0.0';

// Said once here rather than in every tool's schema (tools/list budget).
const INSTRUCTIONS = `berth manages Docker engines (local and remote over SSH or TCP/TLS).
Tools are grouped by what they do: read (reads only), create (only adds), container_ops (changes), remove (loses data), host_config (berth's profiles); pick the operation with "action". Each tool's hints hold for all its actions.
"host" names a configured profile (read action hosts lists them); omitted, the default host is used.
Read tools also take several hosts ("a,b") or "*" and answer per host: rows carry "host", and hosts that failed are listed in "errors" beside the rows of those that answered. Mutating tools take one host.
Results are {rows, errors?, next?, note?}. Rows are capped: "limit" (default 50) and the "cursor" from "next" page on; "fields" keeps only the named row keys; "note" says what was left out.
Actions that lose data (remove, host_config remove) take "dry_run": true to return the plan. Otherwise the user is asked to confirm where the client can; else the answer is the plan and a "confirm_token": call again with the same arguments plus that token to do exactly that plan.
Resources: berth://{host}/info, berth://{host}/containers/{container}/logs and .../stats (masked). Prompts: diagnose_container, cleanup_host.`;

/**
 * Builds one MCP server over a tool context. The stdio entry asks for one per connection;
 * both protocol eras (2026-07-28 and the 2025 initialize handshake) are served from it.
 * It touches no Docker engine: tools connect when they are called.
 */
export function createServer(context: ToolContext): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'berth: Docker for agents' },
    { capabilities: { tools: {}, logging: {} }, instructions: INSTRUCTIONS },
  );
  registerTools(server, context);
  registerResources(server, context);
  registerPrompts(server, context);
  return server;
}
