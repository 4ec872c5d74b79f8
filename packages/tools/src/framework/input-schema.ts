import { z } from 'zod';
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

function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !DROPPED.has(key))
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

/** `host`, written by hand: one compact shape instead of an anyOf of two. */
const READ_HOST: Json = {
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  description: 'Profile(s) or "*"',
};
const WRITE_HOST: Json = { type: 'string', description: 'Profile' };

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
    const shaped = jsonOf(action.params);
    const props = (shaped.properties ?? {}) as Record<string, Json>;
    for (const [key, value] of Object.entries(props)) properties[key] ??= value;
  }
  if (spec.safety === 'destructive') {
    properties.dry_run = { type: 'boolean', description: 'Only return the plan' };
  }
  return { type: 'object', properties, required: ['action'] };
}
