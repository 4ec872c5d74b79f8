import { paginate } from '@berth/engine';
import { z } from 'zod';
import { clip } from './host-param.js';
import { ToolError } from './tool-error.js';
import type { Row, ToolOutput } from './tool-output.js';
import type { RowKey } from './tool-spec.js';

/** Default caps: a page of rows and a byte budget for one answer. */
export interface Limits {
  rows: number;
  maxRows: number;
  bytes: number;
}

export const DEFAULT_LIMITS: Limits = { rows: 50, maxRows: 500, bytes: 24_000 };

/** Shared paging and projection params; actions that list rows include them. */
export const pageParams = {
  limit: z.number().int().min(1).max(DEFAULT_LIMITS.maxRows).optional(),
  cursor: z
    .string()
    .max(512)
    .regex(/^[A-Za-z0-9_-]+$/, 'cursor must be a value from `next`')
    .optional(),
  fields: z.array(z.string().min(1).max(64)).max(32).optional(),
};

export interface ShapeOptions {
  fields?: string[] | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Multi-host answers keep `host` on every row even when `fields` leaves it out. */
  fanOut: boolean;
  /** Sort key for keyset pages; default: the row's own text (stable, whatever is deleted). */
  key?: ((row: Row) => RowKey) | undefined;
}

function project(rows: Row[], fields: string[], fanOut: boolean): Row[] {
  const present = new Set(rows.flatMap((row) => Object.keys(row)));
  const unknown = fields.filter((f) => !present.has(f));
  if (rows.length > 0 && unknown.length > 0) {
    throw new ToolError(
      'INVALID',
      `Unknown field '${clip(unknown[0] ?? '')}'; rows have: ${[...present].join(', ')}`,
    );
  }
  const keep = fanOut && !fields.includes('host') ? ['host', ...fields] : fields;
  return rows.map((row) => Object.fromEntries(keep.filter((k) => k in row).map((k) => [k, row[k]])));
}

const textKey = (row: Row): RowKey => [0, JSON.stringify(row)];

/**
 * Orders rows by their key, cuts the page after the cursor (keyset: rows deleted or added
 * between calls never shift it), drops rows past the byte cap, then applies `fields`.
 */
export function shapeRows(all: Row[], options: ShapeOptions, limits: Limits = DEFAULT_LIMITS): ToolOutput {
  const key = options.key ?? textKey;
  const limit = Math.min(options.limit ?? limits.rows, limits.maxRows);
  const cursor = options.cursor ? { cursor: options.cursor } : {};
  let page = paginate(all, key, { limit, ...cursor });
  let rows = options.fields ? project(page.items, options.fields, options.fanOut) : page.items;
  // Drop rows from the end until the answer fits the byte budget (always keep one).
  let kept = rows.length;
  let size = JSON.stringify(rows).length;
  while (kept > 1 && size > limits.bytes) {
    kept -= 1;
    size -= JSON.stringify(rows[kept]).length + 1;
  }
  const capped = kept < rows.length;
  if (capped) {
    page = paginate(all, key, { limit: kept, ...cursor });
    rows = rows.slice(0, kept);
  }
  const output: ToolOutput = { rows };
  if (page.nextCursor) {
    output.next = page.nextCursor;
    const why = capped ? `; page cut at ${limits.bytes} bytes (\`fields\` shrinks rows)` : '';
    output.note = `${page.total} rows in all${why}; pass "next" as cursor for more`;
  }
  return output;
}
