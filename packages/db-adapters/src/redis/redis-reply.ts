import type { CellValue, QueryColumn } from '../db-adapter.js';

export interface ReplyTable {
  columns: QueryColumn[];
  rows: CellValue[][];
}

const cellOf = (value: unknown): CellValue =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : JSON.stringify(value);

/**
 * A redis reply as rows: a map as field/value rows, an array as one row per element (pairs
 * of a nested array spread into columns), anything else as one value. Text that is not
 * JSON (a verbatim string such as INFO's) is one value.
 */
export function replyTable(stdout: string): ReplyTable {
  let reply: unknown;
  try {
    reply = JSON.parse(stdout);
  } catch {
    reply = stdout;
  }
  if (Array.isArray(reply)) {
    const width = Math.max(1, ...reply.map((r) => (Array.isArray(r) ? r.length : 1)));
    const columns =
      width === 1 ? [{ name: 'value' }] : Array.from({ length: width }, (_, i) => ({ name: `${i + 1}` }));
    return {
      columns,
      rows: reply.map((r) =>
        width === 1 ? [cellOf(Array.isArray(r) ? r[0] : r)] : (Array.isArray(r) ? r : [r]).map(cellOf),
      ),
    };
  }
  if (reply !== null && typeof reply === 'object') {
    return {
      columns: [{ name: 'field' }, { name: 'value' }],
      rows: Object.entries(reply as Record<string, unknown>).map(([k, v]) => [k, cellOf(v)]),
    };
  }
  return { columns: [{ name: 'value' }], rows: [[cellOf(reply)]] };
}
