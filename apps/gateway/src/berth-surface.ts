import type { ToolSource } from '@berth/provisioning';
import { registerPrompts, registerResources, type ToolContext } from '@berth/tools';
import { Client } from '@modelcontextprotocol/client';
import {
  type CompleteRequest,
  type CompleteResult,
  InMemoryTransport,
  type ListResourceTemplatesResult,
  McpServer,
} from '@modelcontextprotocol/server';
import { BERTH_SOURCE } from './berth-tool-source.js';

/** berth's prompts and resources as an aggregation source, plus what only berth offers. */
export interface BerthSurface {
  /** Prompts and resources; tools come from `berthToolSource`, through the runner. */
  source: ToolSource;
  listResourceTemplates(signal?: AbortSignal): Promise<ListResourceTemplatesResult>;
  complete(params: CompleteRequest['params'], signal?: AbortSignal): Promise<CompleteResult>;
  close(): Promise<void>;
}

/**
 * berth's prompts and resources, registered once on one in-process server (as berth-mcp
 * registers them) and reached through the SDK's in-memory transport. The gateway's
 * per-request servers then register nothing: building berth's prompt schemas per request
 * would cost more than the rest of a call, and this way berth's prompts and resources
 * merge with other servers' by the same rules as tools. Connected on first use.
 */
export function createBerthSurface(context: ToolContext): BerthSurface {
  let connected: Promise<{ client: Client; server: McpServer }> | undefined;
  const connect = () => {
    connected ??= (async () => {
      const server = new McpServer(
        { name: 'berth', version: '0.0.0' },
        { capabilities: { resources: {}, prompts: {} } },
      );
      registerResources(server, context);
      registerPrompts(server, context);
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      const client = new Client({ name: 'berth-gateway', version: '0.0.0' });
      await client.connect(clientSide);
      return { client, server };
    })();
    return connected.then((c) => c.client);
  };
  const options = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
  const source: ToolSource = {
    name: BERTH_SOURCE,
    reserved: true,
    audited: true,
    cheapList: true,
    listTools: async () => [],
    callTool: async () => ({
      content: [{ type: 'text', text: 'berth tools run through the runner' }],
      isError: true,
    }),
    listPrompts: async (o) => (await (await connect()).listPrompts(undefined, options(o?.signal))).prompts,
    getPrompt: async (name, args, o) =>
      (await connect()).getPrompt({ name, arguments: args }, options(o?.signal)),
    listResources: async (o) =>
      (await (await connect()).listResources(undefined, options(o?.signal))).resources,
    readResource: async (uri, o) => (await connect()).readResource({ uri }, options(o?.signal)),
  };
  return {
    source,
    listResourceTemplates: async (signal) =>
      (await connect()).listResourceTemplates(undefined, options(signal)),
    complete: async (params, signal) => (await connect()).complete(params, options(signal)),
    async close() {
      const built = await connected?.catch(() => undefined);
      await built?.client.close().catch(() => {});
      await built?.server.close().catch(() => {});
    },
  };
}
