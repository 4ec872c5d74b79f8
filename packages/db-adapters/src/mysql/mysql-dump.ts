import { createHash } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import type { BackupFormat, DbAdapterContext, DbCallOptions, RestoreResult } from '../db-adapter.js';
import { DbError } from '../db-error.js';
import { runDbCommand } from '../db-exec.js';
import {
  identity,
  type MysqlTools,
  mysqlDatabase,
  mysqlEnv,
  mysqlRows,
  quoteIdent,
  quoteString,
  runMysql,
} from './mysql-client.js';

function requireDatabase(context: DbAdapterContext, database?: string): string {
  const name = mysqlDatabase(context, database);
  if (!name)
    throw new DbError(
      'INVALID',
      'name the mysql database (no MYSQL_DATABASE or MARIADB_DATABASE in its env)',
      {},
    );
  return name;
}

/**
 * Streams a consistent SQL dump of one database (InnoDB snapshot, routines, triggers and
 * events included) into `stdout`. The dump names no database, so it restores into any.
 */
export async function mysqlDump(
  context: DbAdapterContext,
  tools: MysqlTools,
  database: string | undefined,
  stdout: Writable,
  options: DbCallOptions,
): Promise<string> {
  const name = requireDatabase(context, database);
  await runDbCommand(
    context,
    {
      argv: [
        tools.dump,
        ...identity(context),
        '--single-transaction',
        '--routines',
        '--triggers',
        '--events',
        '--hex-blob',
        '--add-drop-table',
        '--',
        name,
      ],
      env: mysqlEnv(context),
      stdout,
      what: `${tools.dump} of database ${name}`,
    },
    options,
  );
  return name;
}

/** A mysql dump is SQL text; berth takes anything it made, or anything starting like one. */
export function sniffMysqlFormat(_head: Buffer): BackupFormat {
  return 'mysql-sql';
}

/** Streams an SQL dump into a database; the client stops at the first error (non-zero exit). */
export async function mysqlLoad(
  context: DbAdapterContext,
  tools: MysqlTools,
  source: Readable,
  format: BackupFormat,
  database: string | undefined,
  options: DbCallOptions,
): Promise<void> {
  if (format !== 'mysql-sql')
    throw new DbError('INVALID', `mysql cannot restore ${format} backups`, { format });
  const name = requireDatabase(context, database);
  await runMysql(context, tools, source, {
    ...options,
    database: name,
    mode: 'none',
    what: `restore into database ${name}`,
  });
}

/** Tables, rows and a sha256 over each base table's CHECKSUM TABLE and row count. */
export async function mysqlFingerprint(
  context: DbAdapterContext,
  tools: MysqlTools,
  database: string | undefined,
  options: DbCallOptions,
): Promise<RestoreResult['verified']> {
  const name = requireDatabase(context, database);
  const [listed] = await mysqlRows(
    context,
    tools,
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1;",
    { ...options, database: name, what: 'mysql tables' },
  );
  const tables = (listed?.rows ?? []).map((r) => r[0] ?? '');
  if (tables.length === 0) return { tables: 0, rows: 0, fingerprint: createHash('sha256').digest('hex') };
  const counts = tables
    .map((t) => `SELECT ${quoteString(t)} AS t, COUNT(*) AS n FROM ${quoteIdent(t)}`)
    .join(' UNION ALL ');
  const sets = await mysqlRows(
    context,
    tools,
    `CHECKSUM TABLE ${tables.map(quoteIdent).join(', ')};\n${counts};`,
    {
      ...options,
      database: name,
      what: 'mysql table checksums',
    },
  );
  const sums = new Map((sets[0]?.rows ?? []).map((r) => [String(r[0]).split('.').slice(1).join('.'), r[1]]));
  const hash = createHash('sha256');
  let rows = 0;
  for (const [t, n] of sets[1]?.rows ?? []) {
    hash.update(`${t}\0${n}\0${sums.get(t ?? '') ?? ''}\n`);
    rows += Number(n);
  }
  return { tables: tables.length, rows, fingerprint: hash.digest('hex') };
}
