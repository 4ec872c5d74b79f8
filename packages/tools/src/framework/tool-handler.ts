import type {
  CallToolResult,
  InputRequiredResult,
  McpServer,
  ServerContext,
} from '@modelcontextprotocol/server';
import { deepMask } from './deep-mask.js';
import { errorLine } from './error-message.js';
import { parseRequest } from './parse-request.js';
import { runRead } from './run-read.js';
import { runWrite } from './run-write.js';
import type { ToolContext } from './tool-context.js';
import { renderText, type ToolOutput } from './tool-output.js';
import type { ToolSpec } from './tool-spec.js';

function isOutput(value: ToolOutput | InputRequiredResult): value is ToolOutput {
  return Array.isArray((value as ToolOutput).rows);
}

/** The SDK callback of one grouped tool: parse, run, render, and map every failure to one line. */
export function toolHandler(spec: ToolSpec, server: McpServer, context: ToolContext) {
  const mask = (text: string) => context.masker.maskText(text);
  return async (args: unknown, ctx: ServerContext): Promise<CallToolResult | InputRequiredResult> => {
    const started = performance.now();
    try {
      const request = parseRequest(spec, args);
      const backend = await context.backend();
      const result =
        spec.safety === 'read'
          ? await runRead(spec, request, backend, context, ctx)
          : await runWrite(spec, request, backend, context, server, ctx);
      if (!isOutput(result)) return result;
      const output = deepMask(result, context.masker) as ToolOutput;
      context.logger.debug({ tool: spec.name, ms: Math.round(performance.now() - started) }, 'tool call');
      return {
        content: [{ type: 'text', text: renderText(output) }],
        structuredContent: output as unknown as Record<string, unknown>,
      };
    } catch (error) {
      const line = errorLine(error);
      context.logger.debug({ tool: spec.name, code: line.code, err: error }, 'tool call failed');
      return { content: [{ type: 'text', text: mask(line.message) }], isError: true };
    }
  };
}
