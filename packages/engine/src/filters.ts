/** Labels as `key` or `key=value` strings, or a record of key/value pairs. */
export type LabelFilter = string[] | Record<string, string>;

/** Builds the engine's `filters` query value: `{ key: [values] }`, empty keys left out. */
export function engineFilters(
  filters: Record<string, string | boolean | string[] | LabelFilter | undefined>,
): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    const values =
      typeof value === 'boolean'
        ? [String(value)]
        : typeof value === 'string'
          ? [value]
          : Array.isArray(value)
            ? value
            : Object.entries(value).map(([k, v]) => `${k}=${v}`);
    if (values.length > 0) out[key] = values;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
