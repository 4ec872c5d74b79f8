import { randomBytes } from 'node:crypto';
import type { CellValue, DbAdapterContext, QueryColumn, QueryOptions, QueryResult } from '../db-adapter.js';
import { shownText } from '../db-exec.js';
import { guardQuery } from '../sql-guard.js';
import { COUNTED_WRITES } from '../sql-keyword.js';
import { textTable } from '../text-table.js';
import { type MysqlTools, runMysql } from './mysql-client.js';
import { parseColumnTypes, parseMysqlXml } from './mysql-xml.js';

const DEFAULT_MAX_ROWS = 1000;
const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
const DEFAULT_QUERY_TIMEOUT_MS = 60_000;

// Statements whose result can stand in a derived table, so `LIMIT 0` names its types.
const DESCRIBABLE = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE']);

function firstKeyword(sql: string): string {
  const match = /^(?:\s+|--[^\n]*(?:\n|$)|#[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*([A-Za-z]+)/.exec(sql);
  return match?.[1]?.toUpperCase() ?? '';
}

/** A mysql value from its text by the client's type name; numbers only where JSON keeps them exact. */
export function mysqlValue(text: string | null, type: string | undefined): CellValue {
  if (text === null) return null;
  switch (type) {
    case 'TINY':
    case 'SHORT':
    case 'LONG':
    case 'INT24':
    case 'YEAR':
      return Number(text);
    case 'LONGLONG':
    case 'FLOAT':
    case 'DOUBLE': {
      const n = Number(text);
      return (type === 'LONGLONG' ? Number.isSafeInteger(n) : Number.isFinite(n)) ? n : text;
    }
    default:
      return text;
  }
}

/**
 * The session prelude: read-only for the session and the transaction, and a server-side
 * statement deadline (MariaDB in seconds, MySQL in milliseconds) so the server stops work
 * berth stopped waiting for.
 */
function prelude(tools: MysqlTools, readOnly: boolean, timeoutMs: number): string[] {
  const deadline =
    tools.flavour === 'mariadb'
      ? `SET SESSION max_statement_time = ${Math.ceil(timeoutMs / 1000)};`
      : `SET SESSION max_execution_time = ${timeoutMs};`;
  return readOnly
    ? [deadline, 'SET SESSION TRANSACTION READ ONLY;', 'START TRANSACTION READ ONLY;']
    : [deadline, 'START TRANSACTION;'];
}

/**
 * The user's SQL, decoded by the server and run as a prepared statement: the client never
 * parses it. `counted`: a column name under which ROW_COUNT() (the rows it changed, as the
 * client's "N rows affected") is selected right after it.
 */
function prepared(sql: string, wrap?: (q: string) => string, counted?: string): string[] {
  const encoded = Buffer.from(sql.trim().replace(/;\s*$/, ''), 'utf8').toString('base64');
  const text = `CONVERT(FROM_BASE64('${encoded}') USING utf8mb4)`;
  return [
    `SET @berth_q = ${wrap ? wrap(text) : text};`,
    'PREPARE berth_s FROM @berth_q;',
    'EXECUTE berth_s;',
    ...(counted ? [`SELECT ROW_COUNT() AS ${counted};`] : []),
    'DEALLOCATE PREPARE berth_s;',
  ];
}

/**
 * Runs one statement. Types come first, from `--column-type-info` on the query wrapped in
 * `LIMIT 0` (which the server answers without running it); rows then come as `--xml`,
 * where NULL differs from '' and from 'NULL'. A read-only query runs in a read-only
 * transaction of a read-only session.
 */
export async function mysqlQuery(
  context: DbAdapterContext,
  tools: MysqlTools,
  sql: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const readOnly = options.readOnly ?? true;
  guardQuery(sql, 'mysql', readOnly);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const call = {
    database: options.database,
    timeoutMs: timeoutMs + 5_000,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  let types: Array<{ name: string; type: string }> = [];
  if (DESCRIBABLE.has(firstKeyword(sql))) {
    const describe = [
      ...prelude(tools, true, timeoutMs),
      ...prepared(sql, (q) => `CONCAT('SELECT * FROM (', ${q}, '\n) AS berth_t LIMIT 0')`),
      'ROLLBACK;',
    ].join('\n');
    // A query that cannot stand in a derived table (duplicate column names) still runs, untyped.
    types = await runMysql(context, tools, describe, {
      ...call,
      mode: 'table',
      what: 'mysql query types',
    }).then(
      (r) => parseColumnTypes(r.stdout),
      () => [],
    );
  }
  const counted =
    !readOnly && COUNTED_WRITES.has(firstKeyword(sql))
      ? `berth_changes_${randomBytes(6).toString('hex')}`
      : undefined;
  const script = [
    ...prelude(tools, readOnly, timeoutMs),
    ...prepared(sql, undefined, counted),
    readOnly ? 'ROLLBACK;' : 'COMMIT;',
    '',
  ].join('\n');
  const result = await runMysql(context, tools, script, {
    ...call,
    mode: 'xml',
    maxCapturedBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    what: 'mysql query',
  });
  const { sets, cut } = parseMysqlXml(result.stdout);
  const count = counted && sets[sets.length - 1]?.columns[0] === counted ? sets.pop() : undefined;
  const affected = count?.rows[0]?.[0];
  const set = sets[sets.length - 1] ?? { columns: [], rows: [] };
  const names = set.columns.length > 0 ? set.columns : types.map((t) => t.name);
  const typeOf = (i: number) => (types.length === names.length ? types[i]?.type : undefined);
  const columns: QueryColumn[] = names.map((name, i) => {
    const type = typeOf(i);
    return type ? { name: shownText(context, name), type } : { name: shownText(context, name) };
  });
  const kept = set.rows.slice(0, maxRows).map((row) =>
    row.map((v, i) => {
      const value = mysqlValue(v, typeOf(i));
      return typeof value === 'string' ? context.masker.maskText(value) : value;
    }),
  );
  const truncated = cut || result.truncated || set.rows.length > maxRows;
  const note = truncated
    ? `(${kept.length} of ${set.rows.length}${cut || result.truncated ? '+' : ''} rows shown; raise maxRows or maxBytes, or narrow the query)`
    : undefined;
  return {
    columns,
    rows: kept,
    rowCount: set.rows.length,
    ...(affected && /^\d+$/.test(affected) ? { affectedRows: Number(affected) } : {}),
    truncated,
    text: textTable(columns, kept, note),
  };
}
