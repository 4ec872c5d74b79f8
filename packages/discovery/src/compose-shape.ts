import { DiscoveryError } from './discovery-error.js';
import { childPath } from './interpolate.js';

/** Where a value is being normalised: the file and the dot path, for messages. */
export interface At {
  file: string;
  path: string;
}

export const at = (parent: At, key: string | number): At => ({
  file: parent.file,
  path: childPath(parent.path, key),
});

export function invalidAt(where: At, message: string): DiscoveryError {
  return new DiscoveryError('INVALID_CONFIG', `${where.path}: ${message} (in ${where.file})`, {
    file: where.file,
    path: where.path,
  });
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function mappingAt(value: unknown, where: At): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (!isMapping(value)) throw invalidAt(where, 'expected a mapping');
  return value;
}

export function listAt(value: unknown, where: At): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidAt(where, 'expected a list');
  return value;
}

/** A scalar as compose reads it: numbers and booleans become their text. */
export function scalarText(value: unknown, where: At): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidAt(where, 'expected a string');
}

/**
 * `KEY=value` lists or mappings (environment, labels, build args) as a mapping. A list item
 * or mapping value without a value is null: compose fills it from the environment or drops it.
 */
export function keyValues(value: unknown, where: At): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const text = scalarText(item, at(where, i));
      const eq = text.indexOf('=');
      if (eq === 0) throw invalidAt(at(where, i), 'expected KEY=value');
      if (eq < 0) out[text] = null;
      else out[text.slice(0, eq)] = text.slice(eq + 1);
    });
    return out;
  }
  for (const [key, item] of Object.entries(mappingAt(value, where))) {
    out[key] = item === null || item === undefined ? null : scalarText(item, at(where, key));
  }
  return out;
}
