import { z } from 'zod';

type Zod = { _zod: { def: Record<string, unknown> } };

const isZod = (value: unknown): value is Zod =>
  typeof value === 'object' && value !== null && '_zod' in value && typeof value._zod === 'object';

// Deep enough for any param or row field; deeper (or recursive) schemas are left to the caller.
const MAX_DEPTH = 24;

const isCustomCheck = (check: unknown) => isZod(check) && check._zod.def.check === 'custom';

/**
 * A definition without what no JSON Schema shows: custom error messages and refinements
 * (`refine`), which only take effect when a call is validated.
 */
function advertised(def: Record<string, unknown>): Record<string, unknown> {
  const { error: _error, checks, ...rest } = def;
  const kept = Array.isArray(checks) ? checks.filter((check) => !isCustomCheck(check)) : [];
  return kept.length > 0 ? { ...rest, checks: kept } : rest;
}

function same(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > MAX_DEPTH || typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return false;
  if (isZod(a) || isZod(b)) {
    if (!isZod(a) || !isZod(b)) return false;
    const [metaA, metaB] = [z.globalRegistry.get(a as never), z.globalRegistry.get(b as never)];
    if (metaA !== metaB && JSON.stringify(metaA) !== JSON.stringify(metaB)) return false;
    return same(advertised(a._zod.def), advertised(b._zod.def), depth + 1);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => same(item, b[i], depth + 1));
  }
  if (a instanceof RegExp || b instanceof RegExp)
    return String(a) === String(b) && a.constructor === b.constructor;
  // Only plain objects are compared by their keys; anything else (a Date, a Map) is unknown.
  const proto = Object.getPrototypeOf(a);
  if (proto !== Object.getPrototypeOf(b) || (proto !== Object.prototype && proto !== null)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (key) =>
      key in b && same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1),
  );
}

/**
 * Whether two zod schemas certainly have the same JSON Schema: the same definitions,
 * checks and metadata, apart from error messages and refinements (functions elsewhere
 * only when they are the same function). `false` means "not known": callers then compare
 * the JSON Schemas, which costs far more at every start of an app (tools declare the same
 * param afresh in each action, and the first conversion compiles zod's converter).
 */
export function sameSchema(a: unknown, b: unknown): boolean {
  return same(a, b, 0);
}

/** `schema` without `.optional()` wrappers that carry no metadata of their own. */
function bare(schema: unknown): unknown {
  let inner = schema;
  while (isZod(inner) && inner._zod.def.type === 'optional' && !z.globalRegistry.has(inner as never)) {
    inner = inner._zod.def.innerType;
  }
  return inner;
}

/**
 * `sameSchema` for a param or a row field, where a bare `.optional()` changes nothing the
 * JSON Schema says (the object around it lists no `required`).
 */
export function sameField(a: unknown, b: unknown): boolean {
  return sameSchema(bare(a), bare(b));
}
