import type { CallerIdentity, ToolSource } from '@berth/provisioning';
import {
  type Caller,
  type ConfirmFn,
  renderText,
  runTool,
  type ToolContext,
  toolListing,
} from '@berth/tools';
import type { CallToolResult, Tool } from '@modelcontextprotocol/server';

/** The catalog name of berth's own tools in the gateway. */
export const BERTH_SOURCE = 'berth';

/**
 * berth's own Docker tools as one source of the gateway's aggregation, served through the
 * tool core's runner (validation, hosts, masking, audit), as berth-mcp serves them. Their
 * names are reserved: another server's tool of the same name is namespaced instead.
 */
export function berthToolSource(context: ToolContext): ToolSource {
  // The listing is built from the specs once: it is the same for every request.
  const tools: Tool[] = context.tools.map((spec) => {
    const listing = toolListing(spec);
    return {
      name: listing.name,
      title: listing.title,
      description: listing.description,
      inputSchema: listing.inputSchema as Tool['inputSchema'],
      outputSchema: listing.outputSchema as Tool['outputSchema'],
      annotations: listing.annotations,
    };
  });
  return {
    name: BERTH_SOURCE,
    reserved: true,
    audited: true,
    cheapList: true,
    listTools: async () => tools,
    async callTool(name, args, options): Promise<CallToolResult> {
      const { onProgress } = options;
      const result = await runTool(context, name, args, {
        caller: options.caller as Caller,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.confirm ? { confirm: options.confirm as ConfirmFn } : {}),
        ...(onProgress
          ? {
              progress: async (progress: number, total?: number, message?: string) => {
                onProgress({ progress, total, message });
              },
            }
          : {}),
      });
      if (result.kind === 'error')
        return { content: [{ type: 'text', text: result.error.message }], isError: true };
      // The question to the user (elicitation): the tools/call handler answers with it as
      // it is, and the client's retry carries the answer.
      if (result.kind === 'pending') return result.value as CallToolResult;
      return {
        content: [{ type: 'text', text: renderText(result.output) }],
        structuredContent: result.output as unknown as Record<string, unknown>,
      };
    },
  };
}

/** The audit caller of a gateway call: the authenticated principal and the MCP client's name. */
export function gatewayCaller(
  principal: string,
  clientName: string | undefined,
  session?: string,
): CallerIdentity {
  const client = clientName && clientName.length > 0 ? clientName.slice(0, 100) : 'unknown client';
  return { via: 'gateway', name: `${principal}/${client}`, ...(session ? { session } : {}) };
}
