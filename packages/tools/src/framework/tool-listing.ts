import { describeTool } from './define-tool.js';
import { hintsFor, type ToolHints } from './effects.js';
import { inputJsonSchema } from './input-schema.js';
import { outputJsonSchema } from './output-schema.js';
import type { ToolSpec } from './tool-spec.js';

type Json = Record<string, unknown>;

/** A tool as a client lists it; the MCP binding registers exactly these pieces. */
export interface ToolListing {
  name: string;
  title: string;
  description: string;
  inputSchema: Json;
  outputSchema: Json;
  annotations: ToolHints;
}

export function toolListing(spec: ToolSpec): ToolListing {
  return {
    name: spec.name,
    title: spec.title,
    description: describeTool(spec),
    inputSchema: inputJsonSchema(spec),
    outputSchema: outputJsonSchema(spec),
    annotations: hintsFor(Object.values(spec.actions)),
  };
}

/** Bytes of the tools/list entries of `specs` (the budget agents pay on every session). */
export function listingBytes(specs: readonly ToolSpec[]): number {
  return Buffer.byteLength(JSON.stringify(specs.map(toolListing)));
}
