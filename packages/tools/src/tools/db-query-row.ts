import type { QueryResult } from '@berth/db-adapters';
import { z } from 'zod';
import { jsonBytes } from '../framework/fit-bytes.js';

/** Rows a query answer carries unless `max_rows` asks for more (or fewer). */
export const DEFAULT_QUERY_ROWS = 100;
/** What the adapter is asked to keep at most, whatever `max_rows` says. */
export const MAX_QUERY_ROWS = 1_000;
/** Bytes of result values one answer carries; the runner's own answer cap sits above this. */
export const QUERY_BYTES = 16_000;

export const maxRowsParam = z
  .number()
  .int()
  .min(1)
  .max(MAX_QUERY_ROWS)
  .optional()
  .describe(`Rows returned (default ${DEFAULT_QUERY_ROWS})`);

/**
 * One query answer as one row: columns with the engine's type names, the rows as arrays in
 * the engine's order (a column name may repeat, so no objects), and `more` saying what was
 * left out and how to get it.
 */
export const queryRow = z.object({
  columns: z.array(z.object({ name: z.string(), type: z.string().optional() })),
  values: z.array(z.array(z.unknown())),
  row_count: z.number(),
  more: z.string().optional(),
});

export type QueryRow = z.infer<typeof queryRow>;

/**
 * Cuts a query result to `maxRows` rows and `maxBytes` bytes of values, keeping the
 * columns and the engine's row count, and says how to see the rest.
 */
export function queryRowOf(result: QueryResult, maxRows: number, maxBytes = QUERY_BYTES): QueryRow {
  const values: QueryResult['rows'] = [];
  let bytes = 2;
  for (const row of result.rows.slice(0, maxRows)) {
    const size = jsonBytes(row) + 1;
    if (values.length > 0 && bytes + size > maxBytes) break;
    values.push(row);
    bytes += size;
  }
  const shown = values.length;
  const row: QueryRow = { columns: result.columns, values, row_count: result.rowCount };
  if (shown < result.rowCount || result.truncated) {
    const cap = shown < Math.min(maxRows, result.rows.length) ? ` (cut at ${maxBytes} bytes)` : '';
    const raise = maxRows < MAX_QUERY_ROWS && shown === maxRows ? 'raise max_rows, ' : '';
    row.more = `${shown} of ${result.rowCount} rows shown${cap}; ${raise}select fewer columns, or page with ORDER BY ... LIMIT/OFFSET`;
  }
  return row;
}

/**
 * A write's answer: `changed`, the rows the engine says it changed (UPDATE 1, DELETE 40),
 * and the rows it returned only when it returned a result (RETURNING, SHOW): a bare
 * `row_count: 0` would read as "nothing changed". Where the engine gives no count (DDL,
 * several statements, redis, mongo), the note says so instead of a number.
 */
export const execResultRow = z.object({
  columns: queryRow.shape.columns.optional(),
  values: queryRow.shape.values.optional(),
  row_count: z.number().optional(),
  changed: z.number().optional(),
  more: z.string().optional(),
  note: z.string().optional(),
});

export function execRowOf(result: QueryResult, maxRows: number, kind: string): z.infer<typeof execResultRow> {
  const changed = result.affectedRows === undefined ? {} : { changed: result.affectedRows };
  if (result.columns.length > 0) return { ...queryRowOf(result, maxRows), ...changed };
  if (result.affectedRows !== undefined) return changed;
  return { note: `done; ${kind} reports no count of changed rows for this statement` };
}
