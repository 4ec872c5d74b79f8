import { McpServer } from '@modelcontextprotocol/server';

export const SERVER_NAME = 'berth';
export const SERVER_VERSION = '0.0.0';

/**
 * Builds one MCP server instance. The stdio entry asks for one per connection; both
 * protocol eras (2026-07-28 and the 2025 initialize handshake) are served from it.
 * It touches no Docker engine: tools connect when they are called.
 */
export function createServer(): McpServer {
  return new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION, title: 'berth: Docker for agents' },
    {
      capabilities: { tools: {}, logging: {} },
      instructions: 'berth manages Docker engines (local and remote over SSH or TCP/TLS).',
    },
  );
}
