import type { McpServer } from '@modelcontextprotocol/server';
import { advertisedSchema } from './advertised-schema.js';
import { annotationsFor } from './annotations.js';
import { inputJsonSchema } from './input-schema.js';
import type { ToolContext } from './tool-context.js';
import { toolHandler } from './tool-handler.js';
import type { ToolSpec } from './tool-spec.js';

type Json = Record<string, unknown>;

// Hand-written and minimal: repeated in every tool, so each byte counts twelve times.
// True of every result (`rows` always present); `rows`, `errors`, `next` and `note` are
// explained once in the server instructions.
const outputJson: Json = { type: 'object', required: ['rows'] };

/** The tools a server exposes: in read-only mode only the read tools exist at all. */
export function exposedTools(specs: readonly ToolSpec[], readOnly: boolean): ToolSpec[] {
  return specs.filter((spec) => !readOnly || spec.safety === 'read');
}

/** Registers grouped tools on an MCP server (in the order given: tools/list is stable). */
export function registerTools(server: McpServer, specs: readonly ToolSpec[], context: ToolContext): void {
  for (const spec of exposedTools(specs, context.readOnly === true)) {
    server.registerTool(
      spec.name,
      {
        title: spec.title,
        description: spec.description,
        inputSchema: advertisedSchema(inputJsonSchema(spec)),
        outputSchema: advertisedSchema(outputJson),
        annotations: annotationsFor(spec),
      },
      toolHandler(spec, server, context),
    );
  }
}
