import type { CellValue, QueryColumn } from './db-adapter.js';

const MAX_CELL = 60;

function cell(value: CellValue): string {
  if (value === null) return 'NULL';
  const text = String(value).replace(/\r?\n/g, '\\n').replace(/\t/g, ' ');
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
}

/**
 * A compact text table for a model to read: a header, one line per row, cells cut at 60
 * characters, NULL spelled out (so it differs from an empty string, shown as `''`).
 */
export function textTable(
  columns: readonly QueryColumn[],
  rows: readonly CellValue[][],
  note?: string,
): string {
  if (columns.length === 0) return note ?? '(no result set)';
  const shown = rows.map((row) => row.map((v) => (v === '' ? "''" : cell(v))));
  const widths = columns.map((c, i) => Math.max(c.name.length, ...shown.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' | ')
      .trimEnd();
  const out = [
    line(columns.map((c) => c.name)),
    widths.map((w) => '-'.repeat(w)).join('-+-'),
    ...shown.map(line),
  ];
  out.push(note ?? `(${rows.length} row${rows.length === 1 ? '' : 's'})`);
  return out.join('\n');
}
