import { randomBytes } from 'node:crypto';
import { csvRecords } from '../csv-records.js';
import type { CellValue, DbAdapterContext, QueryColumn, QueryOptions, QueryResult } from '../db-adapter.js';
import { shownText } from '../db-exec.js';
import { guardQuery } from '../sql-guard.js';
import { COUNTED_WRITES, firstKeyword } from '../sql-keyword.js';
import { textTable } from '../text-table.js';
import { nullToken, psqlRows, runPsql } from './psql.js';

export const DEFAULT_MAX_ROWS = 1000;
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
export const DEFAULT_QUERY_TIMEOUT_MS = 60_000;

// Statements PREPARE accepts, so their result types can be described before they run.
const PREPARABLE = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'INSERT', 'UPDATE', 'DELETE', 'MERGE']);

/** A postgres value from its text by its type; numbers only where JSON keeps them exact. */
export function pgValue(text: string | null, type: string | undefined): CellValue {
  if (text === null) return null;
  switch (type) {
    case 'smallint':
    case 'integer':
    case 'oid':
      return Number(text);
    case 'bigint': {
      const n = Number(text);
      return Number.isSafeInteger(n) ? n : text;
    }
    case 'real':
    case 'double precision': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'boolean':
      return text === 't' || text === 'true';
    default:
      return text;
  }
}

/**
 * Runs one query through psql. The SQL never passes psql's own parser (which would run a
 * `\!` meta-command): it travels base64-encoded, is decoded by the server and sent on by
 * `\gexec` as `PREPARE`, so `EXECUTE ... \gdesc` can name each column's type before the
 * rows come back as CSV with a NULL token. Statements PREPARE refuses (EXPLAIN, SHOW, DDL)
 * run through `\gexec` as they are, without types. Read-only queries run in a read-only
 * transaction of a session whose default is read-only; statement_timeout ends the work on
 * the server when berth stops waiting.
 */
export async function postgresQuery(
  context: DbAdapterContext,
  sql: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const readOnly = options.readOnly ?? true;
  guardQuery(sql, 'postgres', readOnly);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const token = nullToken();
  const marker = `<berth-rows-${randomBytes(8).toString('hex')}>`;
  const text = Buffer.from(sql.trim().replace(/;\s*$/, ''), 'utf8').toString('base64');
  const decoded = `convert_from(decode('${text}', 'base64'), 'UTF8')`;
  const keyword = firstKeyword(sql);
  const preparable = PREPARABLE.has(keyword);
  // psql's ROW_COUNT is the command tag's count (`UPDATE 1`), but 0 for a tag without one.
  const counted = !readOnly && COUNTED_WRITES.has(keyword);
  const body = preparable
    ? [
        `SELECT 'PREPARE berth_q AS ' || ${decoded} \\gexec`,
        `\\echo '${marker}'`,
        'EXECUTE berth_q \\gdesc',
        `\\echo '${marker}'`,
        'EXECUTE berth_q;',
        ...(counted ? [`\\echo '${marker}'`, '\\echo :ROW_COUNT'] : []),
      ]
    : [`\\echo '${marker}'`, `\\echo '${marker}'`, `SELECT ${decoded} \\gexec`];
  const script = [
    '\\pset format csv',
    `\\pset null '${token}'`,
    // Writes run as the client would send them (CREATE DATABASE and VACUUM refuse a transaction block).
    ...(readOnly ? ['BEGIN READ ONLY;'] : []),
    ...body,
    ...(readOnly ? ['ROLLBACK;'] : []),
    '',
  ].join('\n');
  const settings: Record<string, string> = { statement_timeout: String(timeoutMs) };
  if (readOnly) settings.default_transaction_read_only = 'on';
  const appName = `berth-${randomBytes(6).toString('hex')}`;
  const result = await runPsql(context, script, {
    what: 'postgres query',
    settings,
    appName,
    maxCapturedBytes: maxBytes,
    timeoutMs: timeoutMs + 5_000,
    ...(options.database ? { database: options.database } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch(async (error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === 'CANCELLED' || code === 'TIMEOUT') await cancelOnServer(context, appName, options.database);
    throw error;
  });
  const [, described = '', rowsText = '', countText] = result.stdout.split(`${marker}\n`);
  const affected = counted && countText !== undefined ? /^\d+(?=\n)/.exec(countText)?.[0] : undefined;
  const types = csvRecords(described, false).records;
  const typeOf = new Map<number, string>();
  if (types[0]?.[0] === 'Column' && types[0]?.[1] === 'Type') {
    for (const [i, r] of types.slice(1).entries()) typeOf.set(i, r[1] ?? '');
  }
  const { records, cut } = csvRecords(rowsText, result.truncated);
  const [header, ...data] = records;
  const columns: QueryColumn[] = (header ?? []).map((name, i) => {
    const type = typeOf.get(i);
    return type ? { name: shownText(context, name), type } : { name: shownText(context, name) };
  });
  const kept = data.slice(0, maxRows).map((row) =>
    row.map((v, i) => {
      const value = pgValue(v === token ? null : v, typeOf.get(i));
      return typeof value === 'string' ? context.masker.maskText(value) : value;
    }),
  );
  const truncated = cut || data.length > maxRows;
  const note = truncated
    ? `(${kept.length} of ${data.length}${cut ? '+' : ''} rows shown; raise maxRows or maxBytes, or narrow the query)`
    : undefined;
  return {
    columns,
    rows: kept,
    rowCount: data.length,
    ...(affected === undefined ? {} : { affectedRows: Number(affected) }),
    truncated,
    text: textTable(columns, kept, note),
  };
}

/**
 * The engine cannot kill an exec, so psql (and the server's work) would run on after berth
 * gave up: the session is found by its application_name and cancelled on the server.
 */
async function cancelOnServer(
  context: DbAdapterContext,
  appName: string,
  database: string | undefined,
): Promise<void> {
  await psqlRows(
    context,
    `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE application_name = '${appName}';`,
    { what: 'cancel the query on the server', timeoutMs: 15_000, ...(database ? { database } : {}) },
  ).catch((error: unknown) =>
    context.logger.warn({ error: (error as Error).message }, 'could not cancel the query on the server'),
  );
}
