import type { Masker } from '@berth/security';

/** Masks every string of a JSON-like value, by its key name and by the secrets it contains. */
export function deepMask(value: unknown, masker: Masker, key?: string): unknown {
  if (typeof value === 'string') return masker.maskValue(value, key);
  if (Array.isArray(value)) return value.map((v) => deepMask(v, masker, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepMask(v, masker, k)]));
  }
  return value;
}
