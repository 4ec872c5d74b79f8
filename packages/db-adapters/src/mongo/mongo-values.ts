import type { CellValue, QueryColumn } from '../db-adapter.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A canonical EJSON value as a plain JSON value and its BSON type name. */
export function plainValue(value: Json): { value: Json; type: string } {
  if (value === null) return { value, type: 'null' };
  if (typeof value === 'string') return { value, type: 'string' };
  if (typeof value === 'boolean') return { value, type: 'bool' };
  if (typeof value === 'number') return { value, type: 'double' };
  if (Array.isArray(value)) return { value: value.map((v) => plainValue(v).value), type: 'array' };
  const keys = Object.keys(value);
  const only = keys.length === 1 ? keys[0] : undefined;
  const inner = only === undefined ? undefined : value[only];
  switch (only) {
    case '$numberInt':
      return { value: Number(inner), type: 'int' };
    case '$numberDouble':
      return { value: Number(inner), type: 'double' };
    case '$numberLong': {
      const n = Number(inner);
      return { value: Number.isSafeInteger(n) ? n : String(inner), type: 'long' };
    }
    case '$numberDecimal':
      return { value: String(inner), type: 'decimal' };
    case '$oid':
      return { value: String(inner), type: 'objectId' };
    case '$date': {
      const ms =
        typeof inner === 'object' && inner !== null && !Array.isArray(inner)
          ? Number(inner.$numberLong)
          : Number(inner);
      return { value: Number.isFinite(ms) ? new Date(ms).toISOString() : String(inner), type: 'date' };
    }
    case '$binary':
      return { value: String((inner as Record<string, Json>).base64), type: 'binData' };
  }
  const out: Record<string, Json> = {};
  for (const key of keys) out[key] = plainValue(value[key] as Json).value;
  return { value: out, type: 'object' };
}

const cell = (value: Json): CellValue =>
  value === null || typeof value !== 'object' ? value : JSON.stringify(value);

/**
 * Documents (canonical EJSON) as rows: a column per top-level field in order of first
 * appearance, typed by the BSON type of its first non-null value; nested values as JSON.
 */
export function documentRows(documents: readonly Record<string, Json>[]): {
  columns: QueryColumn[];
  rows: CellValue[][];
} {
  const types = new Map<string, string | undefined>();
  for (const doc of documents)
    for (const [key, raw] of Object.entries(doc)) {
      const { type } = plainValue(raw);
      if (!types.has(key) || (types.get(key) === undefined && type !== 'null'))
        types.set(key, type === 'null' ? undefined : type);
    }
  const names = [...types.keys()];
  return {
    columns: names.map((name) => {
      const type = types.get(name);
      return type === undefined ? { name } : { name, type };
    }),
    rows: documents.map((doc) =>
      names.map((name) => (name in doc ? cell(plainValue(doc[name] as Json).value) : null)),
    ),
  };
}

export type { Json };
