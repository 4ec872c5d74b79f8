import { z } from 'zod';
import { clip } from './host-param.js';
import { ToolError } from './tool-error.js';
import type { Row, ToolOutput } from './tool-output.js';

/** Default caps: a page of rows and a byte budget for one answer. */
export interface Limits {
  rows: number;
  maxRows: number;
  bytes: number;
}

export const DEFAULT_LIMITS: Limits = { rows: 50, maxRows: 500, bytes: 24_000 };

/** Shared paging and projection params; actions that list rows include them. */
export const pageParams = {
  limit: z.number().int().min(1).max(DEFAULT_LIMITS.maxRows).optional().describe('Max rows (50)'),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'cursor must be a value from `next`')
    .optional(),
  fields: z.array(z.string().min(1).max(64)).max(32).optional().describe('Keep only these row keys'),
};

export interface ShapeOptions {
  fields?: string[] | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  /** Multi-host answers keep `host` on every row even when `fields` leaves it out. */
  fanOut: boolean;
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

/** Applies `fields`, the page (`limit`, `cursor`) and the byte cap; says how to get more. */
export function shapeRows(all: Row[], options: ShapeOptions, limits: Limits = DEFAULT_LIMITS): ToolOutput {
  const rows = options.fields ? project(all, options.fields, options.fanOut) : all;
  const offset = options.cursor ? Number.parseInt(options.cursor, 10) : 0;
  const limit = Math.min(options.limit ?? limits.rows, limits.maxRows);
  const page = rows.slice(offset, offset + limit);
  // Drop rows from the end until the answer fits the byte budget (always keep one).
  let size = JSON.stringify(page).length;
  let capped = false;
  while (page.length > 1 && size > limits.bytes) {
    const last = page.pop();
    size -= JSON.stringify(last).length + 1;
    capped = true;
  }
  const end = offset + page.length;
  const output: ToolOutput = { rows: page };
  if (end < rows.length) {
    output.next = String(end);
    const why = capped ? ` (byte cap ${limits.bytes}; \`fields\` shrinks rows)` : '';
    output.note = `${rows.length - end} more rows${why}; pass cursor "${end}"`;
  }
  return output;
}
