import { isMapping } from './compose-shape.js';

type Json = unknown;

/** Sequences merged by a key, the override's entry replacing the base's of the same key. */
const KEYED: Record<string, (item: Json) => string> = {
  volumes: (v) => String((v as { target?: unknown }).target),
  secrets: (v) => (typeof v === 'string' ? v : String((v as { source?: unknown }).source)),
  configs: (v) => (typeof v === 'string' ? v : String((v as { source?: unknown }).source)),
};

/** Sequences the override replaces instead of extending. */
const REPLACED = new Set(['command', 'entrypoint', 'test']);

/** Sequences whose equal entries are kept once. */
const UNIQUE = new Set([
  'ports',
  'expose',
  'dns',
  'dns_search',
  'tmpfs',
  'cap_add',
  'cap_drop',
  'profiles',
  'env_file',
  'extra_hosts',
]);

const same = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

function mergeSequence(key: string, base: Json[], override: Json[]): Json[] {
  if (REPLACED.has(key)) return override;
  const byKey = KEYED[key];
  if (byKey) {
    const merged = new Map(base.map((item) => [byKey(item), item]));
    for (const item of override) merged.set(byKey(item), item);
    return [...merged.values()];
  }
  if (UNIQUE.has(key)) return [...base, ...override.filter((item) => !base.some((b) => same(b, item)))];
  return [...base, ...override];
}

/**
 * Merges an override into a base the way compose merges several files: mappings key by key,
 * scalars replaced, `command`/`entrypoint`/`healthcheck.test` replaced, `volumes`, `secrets`
 * and `configs` by target or source, other sequences appended (ports and the like once each).
 * A null in the override removes nothing: compose's `!reset` is not supported.
 */
export function mergeValues(base: Json, override: Json, key = ''): Json {
  if (override === undefined) return base;
  if (Array.isArray(base) && Array.isArray(override)) return mergeSequence(key, base, override);
  if (isMapping(base) && isMapping(override)) {
    // `logging` with another driver starts over: the base's options belong to the old driver.
    if (key === 'logging' && override.driver !== undefined && override.driver !== base.driver)
      return override;
    const out: Record<string, Json> = { ...base };
    for (const [k, v] of Object.entries(override)) out[k] = k in base ? mergeValues(base[k], v, k) : v;
    return out;
  }
  return override;
}

/** Merges several normalised compose models, later ones overriding earlier ones. */
export function mergeModels(models: readonly Record<string, Json>[]): Record<string, Json> {
  return models.reduce<Record<string, Json>>(
    (acc, model) => mergeValues(acc, model) as Record<string, Json>,
    {},
  );
}
