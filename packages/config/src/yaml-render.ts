import { isPlainObject } from './config-layer.js';

/**
 * Words a YAML 1.1 reader (PyYAML, older tools) would not read as strings. We read YAML 1.2,
 * but quote these anyway so the file means the same thing to every reader.
 */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~|=|<<)$/i;
/**
 * Plain scalars we emit unquoted: start with a letter, `_` or `/` (never number-like), no
 * indicators, colons, `#` or commas, inner spaces only. Anything else is double-quoted.
 */
const SAFE_PLAIN = /^[A-Za-z_/](?:[A-Za-z0-9_./@+ -]*[A-Za-z0-9_./@+-])?$/;
/** Characters JSON leaves raw that YAML does not allow unescaped in a document. */
const NOT_PRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** A JSON string literal is a valid YAML double-quoted scalar once non-printables are escaped. */
export function quoteDouble(value: string): string {
  return JSON.stringify(value).replace(
    NOT_PRINTABLE,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

export function renderScalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value}`);
    return String(value);
  }
  if (typeof value === 'string')
    return SAFE_PLAIN.test(value) && !RESERVED.test(value) ? value : quoteDouble(value);
  throw new TypeError(`cannot write a value of type ${typeof value}`);
}

/** One-line (flow) rendering: scalars, `[a, b]`, `{ a: 1 }`. */
export function renderInline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(renderInline).join(', ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${renderScalar(k)}: ${renderInline(v)}`).join(', ')} }`;
  }
  return renderScalar(value);
}

/** Block lines for a mapping at `indent` columns, children `unit` deeper; every line ends in `\n`. */
export function renderBlockEntries(value: Record<string, unknown>, indent: number, unit: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    out += `${pad}${renderScalar(key)}:${renderAfterColon(item, indent + unit, unit)}`;
  }
  return out;
}

/** What follows `key:` — ` value\n` inline, or `\n` plus an indented block for non-empty mappings and lists. */
export function renderAfterColon(value: unknown, childIndent: number, unit: number): string {
  if (isPlainObject(value) && Object.values(value).some((v) => v !== undefined)) {
    return `\n${renderBlockEntries(value, childIndent, unit)}`;
  }
  if (Array.isArray(value) && value.length > 0) return `\n${renderBlockSeq(value, childIndent)}`;
  return ` ${renderInline(value)}\n`;
}

/** Block list items at `indent` columns: `- item\n` each. */
export function renderBlockSeq(items: readonly unknown[], indent: number): string {
  const pad = ' '.repeat(indent);
  return items.map((item) => `${pad}- ${renderInline(item)}\n`).join('');
}
