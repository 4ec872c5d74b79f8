import { BERTH_TOOLS, toolListing } from '@berth/tools';
import { Ajv } from 'ajv';
import { expect } from 'vitest';

const ajv = new Ajv({ strict: false, allErrors: true });

/**
 * The tool's advertised outputSchema, with no row field beyond those it names: `--json`
 * must print exactly what the MCP tool would return as structuredContent.
 */
function strictSchema(tool: string): Record<string, unknown> {
  const spec = BERTH_TOOLS.find((t) => t.name === tool);
  if (!spec) throw new Error(`no tool ${tool}`);
  const schema = structuredClone(toolListing(spec).outputSchema) as {
    properties: { rows: { items: Record<string, unknown> } };
  };
  schema.properties.rows.items.additionalProperties = false;
  return { ...schema, additionalProperties: false };
}

const validators = new Map<string, ReturnType<typeof ajv.compile>>();

/** A tool's structured result as --json prints it. */
export interface JsonOutput {
  rows: Record<string, unknown>[];
  errors?: { host: string; error: string }[];
  next?: string;
  note?: string;
}

/** Parses one `--json` document and checks it against `tool`'s output schema; returns it. */
export function jsonOf(tool: string, stdout: string): JsonOutput {
  const value = JSON.parse(stdout) as JsonOutput;
  let validate = validators.get(tool);
  if (!validate) {
    validate = ajv.compile(strictSchema(tool));
    validators.set(tool, validate);
  }
  expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  return value;
}
