import type {
  CallToolResult,
  InputRequiredResult,
  McpServer,
  ServerContext,
} from '@modelcontextprotocol/server';
import { runTool } from '../framework/runner.js';
import type { ToolContext } from '../framework/tool-context.js';
import { toolListing } from '../framework/tool-listing.js';
import { renderText } from '../framework/tool-output.js';
import type { ToolSpec } from '../framework/tool-spec.js';
import { advertisedSchema } from './advertised-schema.js';
import { elicitConfirm } from './elicit-confirm.js';
import { mcpCaller } from './mcp-caller.js';

/** The SDK callback of one tool: the runner, with MCP's cancel, progress, elicitation and rendering. */
function handler(spec: ToolSpec, server: McpServer, context: ToolContext) {
  return async (args: unknown, ctx: ServerContext): Promise<CallToolResult | InputRequiredResult> => {
    const token = ctx.mcpReq._meta?.progressToken;
    const result = await runTool(context, spec.name, args, {
      caller: mcpCaller(server, ctx),
      signal: ctx.mcpReq.signal,
      confirm: elicitConfirm(server, ctx),
      ...(token === undefined
        ? {}
        : {
            progress: (progress: number, total?: number, message?: string) =>
              ctx.mcpReq.notify({
                method: 'notifications/progress',
                params: { progressToken: token, progress, total, message },
              }),
          }),
    });
    if (result.kind === 'pending') return result.value as InputRequiredResult;
    if (result.kind === 'error')
      return { content: [{ type: 'text', text: result.error.message }], isError: true };
    return {
      content: [{ type: 'text', text: renderText(result.output) }],
      structuredContent: result.output as unknown as Record<string, unknown>,
    };
  };
}

/** Registers the context's tools on an MCP server, in catalog order (tools/list is stable). */
export function registerTools(server: McpServer, context: ToolContext): void {
  for (const spec of context.tools) {
    const listing = toolListing(spec);
    server.registerTool(
      spec.name,
      {
        title: listing.title,
        description: listing.description,
        inputSchema: advertisedSchema(listing.inputSchema),
        outputSchema: advertisedSchema(listing.outputSchema),
        annotations: listing.annotations,
      },
      handler(spec, server, context),
    );
  }
}
