import type { McpBackend } from '@berth/provisioning';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, type McpServer } from '@modelcontextprotocol/server';

export interface InMemoryBackend extends McpBackend {
  /** How often the server was asked for its tool list (the cache spares it). */
  readonly listCalls: number;
  /** Whether the server was ever connected (started). */
  readonly started: boolean;
}

/**
 * A real MCP server (the SDK's McpServer) reached by a real SDK client over the SDK's
 * in-memory transport, shaped as a provisioning backend: started on first use, tool list
 * changes forwarded. It stands in for a containerized server where only aggregation is
 * under test.
 */
export function inMemoryBackend(name: string, makeServer: () => McpServer, prefix?: string): InMemoryBackend {
  let client: Promise<Client> | undefined;
  let listCalls = 0;
  const listeners = new Set<(kind: 'tools' | 'prompts' | 'resources', session: string | undefined) => void>();
  const connect = () => {
    client ??= (async () => {
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      const c = new Client(
        { name: 'gateway-backend', version: '0' },
        {
          listChanged: {
            tools: {
              autoRefresh: false,
              onChanged: () => {
                for (const listener of listeners) listener('tools', undefined);
              },
            },
            prompts: {
              autoRefresh: false,
              onChanged: () => {
                for (const listener of listeners) listener('prompts', undefined);
              },
            },
          },
        },
      );
      await makeServer().connect(serverSide);
      await c.connect(clientSide);
      return c;
    })();
    return client;
  };
  return {
    name,
    kind: 'container',
    prefix,
    get listCalls() {
      return listCalls;
    },
    get started() {
      return client !== undefined;
    },
    async ensureStarted() {
      await connect();
    },
    async listTools() {
      listCalls += 1;
      return (await (await connect()).listTools()).tools;
    },
    async listPrompts() {
      return (await (await connect()).listPrompts()).prompts;
    },
    async listResources() {
      return (await (await connect()).listResources()).resources;
    },
    async callTool(tool, args) {
      return (await (await connect()).callTool({ name: tool, arguments: args })) as Awaited<
        ReturnType<McpBackend['callTool']>
      >;
    },
    async getPrompt(prompt, args) {
      return (await connect()).getPrompt({ name: prompt, arguments: args });
    },
    async readResource(uri) {
      return (await connect()).readResource({ uri });
    },
    onListChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async endSession() {},
    async close() {
      await (await client)?.close();
    },
  };
}
