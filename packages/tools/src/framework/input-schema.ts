import { z } from 'zod';
import { pageParams } from './shape-rows.js';
import type { ToolSpec } from './tool-spec.js';

type Json = Record<string, unknown>;

// Bounds are enforced at call time with a clear message; advertising them costs bytes in
// every tools/list and tells the model little (issue 4 budget: the whole surface ≤ 5,000 bytes).
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

function jsonOf(schema: z.ZodType): Json {
  return clean(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' })) as Json;
}

// Shared params, written by hand: the server instructions explain them once, so each
// tool's copy is a bare type (tools/list budget: ~60 bytes saved per tool that lists rows).
const READ_HOST: Json = { type: 'string', description: 'Profile, a,b or *' };
const WRITE_HOST: Json = { type: 'string' };
const DRY_RUN: Json = { type: 'boolean' };
const SHARED = new Map<z.ZodType, Json>([
  [pageParams.limit, { type: 'integer' }],
  [pageParams.cursor, { type: 'string' }],
  [pageParams.fields, { type: 'array', items: { type: 'string' } }],
]);

/**
 * The advertised input schema of a grouped tool: `action`, `host`, then the union of the
 * actions' params (each validated per action at call time). Flat rather than one branch
 * per action: a fraction of the bytes, and clients render it better.
 */
export function inputJsonSchema(spec: ToolSpec): Json {
  const properties: Record<string, Json> = {
    action: { type: 'string', enum: Object.keys(spec.actions) },
    host: spec.safety === 'read' ? READ_HOST : WRITE_HOST,
  };
  for (const action of Object.values(spec.actions)) {
    const shape = action.params.shape as Record<string, z.ZodType>;
    const shaped = jsonOf(action.params);
    const props = (shaped.properties ?? {}) as Record<string, Json>;
    for (const [key, value] of Object.entries(props)) {
      const param = shape[key];
      properties[key] ??= (param && SHARED.get(param)) ?? value;
    }
  }
  if (spec.safety === 'destructive') properties.dry_run = DRY_RUN;
  return { type: 'object', properties, required: ['action'] };
}
