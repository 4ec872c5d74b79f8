import { type Masker, sanitizeText } from '@berth/security';

/**
 * Makes a JSON-like value safe to hand out: every string (object keys too) loses its
 * terminal escapes and shows its other control characters visibly (a container's text can
 * hold any), then is masked by its key name and by the secrets it contains.
 */
export function deepMask(value: unknown, masker: Masker, key?: string): unknown {
  if (typeof value === 'string') return masker.maskValue(sanitizeText(value), key);
  if (Array.isArray(value)) return value.map((v) => deepMask(v, masker, key));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [masker.maskText(sanitizeText(k)), deepMask(v, masker, k)]),
    );
  }
  return value;
}
