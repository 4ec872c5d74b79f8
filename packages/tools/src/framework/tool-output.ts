export type Row = Record<string, unknown>;

/** What every tool returns as `structuredContent`; one shape keeps tools/list small. */
export interface ToolOutput {
  rows: Row[];
  /** Hosts that failed while others answered. */
  errors?: { host: string; error: string }[];
  /** Pass back as `cursor` for the next page. */
  next?: string;
  /** A hint: how to get more or less, or what a dry run would do. */
  note?: string;
  /** A plan answer: pass it back to do exactly this plan. */
  confirm_token?: string;
}

const CELL_MAX = 80;

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const flat = text.replace(/[\r\n\t|]+/g, ' ');
  return flat.length > CELL_MAX ? `${flat.slice(0, CELL_MAX - 1)}…` : flat;
}

function isScalar(value: unknown): boolean {
  return value === null || value === undefined || typeof value !== 'object';
}

/**
 * Compact text for the model: a pipe table when rows are flat, one JSON line per row
 * when they nest (inspect output), then per-host errors and the note.
 */
export function renderText(output: ToolOutput): string {
  const lines: string[] = [];
  const { rows } = output;
  if (rows.length > 0 && rows.every((row) => Object.values(row).every(isScalar))) {
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    lines.push(columns.join(' | '));
    for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(' | '));
  } else {
    for (const row of rows) lines.push(JSON.stringify(row));
  }
  if (rows.length === 0) lines.push('(no rows)');
  for (const e of output.errors ?? []) lines.push(`! ${e.host}: ${e.error}`);
  if (output.note) lines.push(output.note);
  if (output.confirm_token) lines.push(`confirm_token: ${output.confirm_token}`);
  return lines.join('\n');
}
