import { randomBytes } from 'node:crypto';
import type { CellValue, DbAdapterContext, QueryColumn, QueryOptions, QueryResult } from '../db-adapter.js';
import { DbError } from '../db-error.js';
import { shownText } from '../db-exec.js';
import { guardQuery } from '../sql-guard.js';
import { COUNTED_WRITES, firstKeyword } from '../sql-keyword.js';
import { textTable } from '../text-table.js';
import { parseSqliteJson } from './sqlite-json.js';
import { runSqlite, sqlitePath } from './sqlite-shell.js';

const DEFAULT_MAX_ROWS = 1000;
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const DEFAULT_QUERY_TIMEOUT_MS = 60_000;

/** The storage class sqlite reports for a column: that of its first value that is not NULL. */
function storageClass(rows: readonly CellValue[][], i: number): string | undefined {
  for (const row of rows) {
    const v = row[i];
    if (v === null || v === undefined) continue;
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'real';
    return 'text';
  }
  return undefined;
}

/**
 * Runs one query in the sqlite3 shell. A line starting with `.` would be a dot-command, so
 * such text is refused before it runs, and `-safe` turns off every dot-command that could
 * reach a shell or a file. Read-only queries open the file read-only with query_only set.
 * Rows come as `.mode json`, read in column order.
 */
export async function sqliteQuery(
  context: DbAdapterContext,
  sql: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const readOnly = options.readOnly ?? true;
  if (/^\s*\./m.test(sql)) {
    throw new DbError(
      'INVALID',
      'a line of the query starts with "." (an sqlite3 shell command); berth runs SQL only',
      {},
    );
  }
  guardQuery(sql, 'sqlite', readOnly);
  const path = sqlitePath(context, options.database);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  // changes(): rows the last INSERT, UPDATE or DELETE changed (not those of triggers), as
  // postgres's command tag counts them; printed after the rows, behind a marker.
  const marker =
    !readOnly && COUNTED_WRITES.has(firstKeyword(sql))
      ? `<berth-changes-${randomBytes(8).toString('hex')}>`
      : undefined;
  const script = [
    '.timeout 5000',
    ...(readOnly ? ['PRAGMA query_only = 1;'] : []),
    '.mode json',
    sql.trim().endsWith(';') ? sql : `${sql}\n;`,
    ...(marker ? ['.mode list', `SELECT '${marker}' || changes() AS n;`] : []),
    '',
  ].join('\n');
  const result = await runSqlite(context, path, script, {
    readOnly,
    safe: true,
    what: 'sqlite query',
    maxCapturedBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const [rowsText = '', countText] = marker ? result.stdout.split(marker) : [result.stdout];
  const affected = countText === undefined ? undefined : /^\d+(?=\n)/.exec(countText)?.[0];
  const { rows, cut } = parseSqliteJson(rowsText);
  const names = rows[0]?.names ?? [];
  const values: CellValue[][] = rows.map((r) => r.values);
  const columns: QueryColumn[] = names.map((name, i) => {
    const type = storageClass(values, i);
    return type ? { name: shownText(context, name), type } : { name: shownText(context, name) };
  });
  const kept = values
    .slice(0, maxRows)
    .map((row) => row.map((v) => (typeof v === 'string' ? context.masker.maskText(v) : v)));
  const truncated = cut || result.truncated || rows.length > maxRows;
  const note = truncated
    ? `(${kept.length} of ${rows.length}${cut ? '+' : ''} rows shown; raise maxRows or maxBytes, or narrow the query)`
    : undefined;
  return {
    columns,
    rows: kept,
    rowCount: rows.length,
    ...(affected === undefined ? {} : { affectedRows: Number(affected) }),
    truncated,
    text: textTable(columns, kept, note),
  };
}
