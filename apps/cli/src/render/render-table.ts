import Table from 'cli-table3';
import { cellText } from './cell-text.js';
import type { Colors } from './colors.js';
import { fitWidths } from './fit-widths.js';

const GAP = 3;
const NO_BORDER = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '',
};

export interface TableOptions {
  /** Columns in this order; default: every key of the rows, in the order first seen. */
  columns?: readonly string[] | undefined;
  /** Terminal width: cells are cut (…) to fit; undefined keeps them whole. */
  width: number | undefined;
  colors: Colors;
}

/** The columns shown: the asked ones that any row has, else every key in first-seen order. */
export function tableColumns(rows: readonly Record<string, unknown>[], asked?: readonly string[]): string[] {
  const present = new Set(rows.flatMap((row) => Object.keys(row)));
  if (asked) {
    const picked = asked.filter((c) => present.has(c));
    if (picked.length > 0) return picked;
  }
  return [...present];
}

/**
 * Rows as a table the way docker prints one: upper-case headers, columns apart by spaces,
 * no borders; cut to the terminal's width (the widest columns first), never wrapped.
 */
export function renderTable(rows: readonly Record<string, unknown>[], options: TableOptions): string {
  const columns = tableColumns(rows, options.columns);
  const cells = rows.map((row) => columns.map((c) => cellText(row[c])));
  const natural = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] as string).length)));
  const widths = fitWidths(natural, GAP, options.width);
  const table = new Table({
    head: columns.map((c) => options.colors.bold(c.toUpperCase())),
    chars: NO_BORDER,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': GAP, compact: true },
    colWidths: widths.map((w) => w + GAP),
    truncate: '…',
    wordWrap: false,
  });
  for (const row of cells) table.push(row);
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}
