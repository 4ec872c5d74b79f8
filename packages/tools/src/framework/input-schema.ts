import { z } from 'zod';
import { pageParams } from './shape-rows.js';
import { confirmable, type ToolSpec } from './tool-spec.js';

type Json = Record<string, unknown>;

// Bounds are enforced at call time with a clear message; advertising them costs bytes in
// every tools/list and tells the model little.
const DROPPED = new Set([
  '$schema',
  'additionalProperties',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minimum',
  'maximum',
  'pattern',
  'exclusiveMinimum',
  'exclusiveMaximum',
]);

// `propertyNames: {type: string}` (zod's record keys) says nothing: JSON keys are strings.
const isStringKeys = (key: string, v: unknown) =>
  key === 'propertyNames' && JSON.stringify(v) === '{"type":"string"}';

function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !DROPPED.has(key) && !isStringKeys(key, clean(v)))
      .map(([key, v]) => [key, key === 'properties' ? mapValues(v as Json) : clean(v)]),
  );
}

// Property names are data, not keywords: never drop a param called `pattern`.
function mapValues(props: Json): Json {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, clean(v)]));
}

/** The advertised JSON Schema of one zod schema: types, enums and descriptions, no bounds. */
export function jsonOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  return clean(z.toJSONSchema(schema, { io, unrepresentable: 'any' })) as Json;
}

/** One param as advertised (also how definitions compare a param across actions). */
export function paramJson(schema: unknown): Json {
  return jsonOf(schema as z.ZodType);
}

// The envelope params are explained once, in the server instructions and in the intro of
// every tool that takes them; repeating that in each schema would cost every session.
const READ_HOST: Json = { type: 'string', description: 'Profile, "a,b" or "*"' };
const WRITE_HOST: Json = { type: 'string' };
const DRY_RUN: Json = { type: 'boolean' };
const CONFIRM_TOKEN: Json = { type: 'string' };
// Shared paging params: explained once in the server instructions.
const SHARED = new Map<unknown, Json>([
  [pageParams.limit, { type: 'integer' }],
  [pageParams.cursor, { type: 'string' }],
  [pageParams.fields, { type: 'array', items: { type: 'string' } }],
]);

/**
 * The advertised input schema of a grouped tool: `action`, `host`, the union of the
 * actions' params (validated per action at call time), and `dry_run` / `confirm_token`
 * when an action loses data. Flat rather than one branch per action: a fraction of the
 * bytes, and clients render it better; `defineTool` guarantees one meaning per name.
 */
export function inputJsonSchema(spec: ToolSpec): Json {
  const actions = Object.values(spec.actions);
  const properties: Record<string, Json> = { action: { type: 'string', enum: Object.keys(spec.actions) } };
  if (!actions.every((a) => a.configOnly)) {
    properties.host = actions.every((a) => a.effect === 'read') ? READ_HOST : WRITE_HOST;
  }
  for (const action of actions) {
    for (const [key, param] of Object.entries(action.params.shape)) {
      properties[key] ??= SHARED.get(param) ?? paramJson(param);
    }
  }
  if (actions.some(confirmable)) {
    properties.dry_run = DRY_RUN;
    properties.confirm_token = CONFIRM_TOKEN;
  }
  return { type: 'object', properties, required: ['action'] };
}
