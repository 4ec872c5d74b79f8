import { jsonOf } from './input-schema.js';
import { confirmable, type ToolSpec } from './tool-spec.js';

type Json = Record<string, unknown>;

const STRING: Json = { type: 'string' };
const ERRORS: Json = {
  type: 'array',
  items: { type: 'object', properties: { host: { type: 'string' }, error: { type: 'string' } } },
};

/** A field's type without its description: fields of one type share one pattern. */
function typeOf(schema: Json): string {
  const { description: _d, ...type } = schema;
  return JSON.stringify(type);
}

const quoted = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The outputSchema of a grouped tool: `rows` whose fields are the union of every action's
 * row fields, with their types, plus the envelope. Fields of one type are listed in one
 * `patternProperties` entry (`^(name|id|state)$`: string): the same validation as a
 * property each, at a third of the bytes every session pays for tools/list. A field that
 * two actions type differently accepts either type. No field is required: `fields`
 * projection and per-action rows leave some out.
 */
export function outputJsonSchema(spec: ToolSpec): Json {
  const fields = new Map<string, Set<string>>();
  const add = (key: string, schema: Json) => {
    const types = fields.get(key) ?? new Set<string>();
    types.add(typeOf(schema));
    fields.set(key, types);
  };
  const actions = Object.values(spec.actions);
  for (const action of actions) {
    const props = (jsonOf(action.rows, 'output').properties ?? {}) as Record<string, Json>;
    for (const [key, schema] of Object.entries(props)) add(key, schema);
  }
  // Rows of several hosts carry `host`.
  if (actions.some((a) => a.effect === 'read')) add('host', { type: 'string' });
  const byType = new Map<string, string[]>();
  for (const [key, types] of fields) {
    const list = [...types].sort();
    const type =
      list.length === 1 ? (list[0] as string) : JSON.stringify({ anyOf: list.map((t) => JSON.parse(t)) });
    byType.set(type, [...(byType.get(type) ?? []), key]);
  }
  const patternProperties = Object.fromEntries(
    [...byType].map(([type, keys]) => [`^(${keys.map(quoted).join('|')})$`, JSON.parse(type) as Json]),
  );
  const envelope: Json = { rows: { type: 'array', items: { type: 'object', patternProperties } } };
  // Only reads page and answer per host; only plans carry a note and a token.
  if (actions.some((a) => a.effect === 'read'))
    Object.assign(envelope, { next: STRING, note: STRING, errors: ERRORS });
  if (actions.some(confirmable)) Object.assign(envelope, { note: STRING, confirm_token: STRING });
  return { type: 'object', properties: envelope, required: ['rows'] };
}
