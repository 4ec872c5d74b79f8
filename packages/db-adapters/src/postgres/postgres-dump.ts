import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { BackupFormat, DbAdapterContext, DbCallOptions, RestoreResult } from '../db-adapter.js';
import { DbError } from '../db-error.js';
import { runDbCommand } from '../db-exec.js';
import { conninfoValue, pgDatabase, pgEnv, psqlRows, runPsql } from './psql.js';

export const PG_FORMATS: readonly BackupFormat[] = ['pg-custom', 'pg-plain'];

/** pg_dump argv: custom archives, or plain SQL that drops what it recreates so it restores over a live database. */
export function pgDumpArgv(format: BackupFormat): string[] {
  if (format === 'pg-custom') return ['pg_dump', '--no-password', '--format=custom'];
  if (format === 'pg-plain') return ['pg_dump', '--no-password', '--format=plain', '--clean', '--if-exists'];
  throw new DbError('INVALID', `postgres has no ${format} backups; use ${PG_FORMATS.join(' or ')}`, {
    format,
  });
}

/** A custom archive starts with `PGDMP`; anything else is taken for plain SQL. */
export function sniffPgFormat(head: Buffer): BackupFormat {
  return head.subarray(0, 5).toString('latin1') === 'PGDMP' ? 'pg-custom' : 'pg-plain';
}

/**
 * Loads a dump in one transaction that stops at the first error, so a dump that does not
 * apply leaves the database as it was: pg_restore `--single-transaction --exit-on-error`
 * for custom archives, psql `--single-transaction` with ON_ERROR_STOP for plain SQL.
 */
export async function pgLoad(
  context: DbAdapterContext,
  source: Readable,
  format: BackupFormat,
  database: string | undefined,
  options: DbCallOptions,
): Promise<void> {
  const name = pgDatabase(context, database);
  if (format === 'pg-custom') {
    await runDbCommand(
      context,
      {
        argv: [
          'pg_restore',
          '--no-password',
          '--clean',
          '--if-exists',
          '--no-owner',
          '--single-transaction',
          '--exit-on-error',
          `--dbname=dbname=${conninfoValue(name)}`,
        ],
        env: pgEnv(context, name),
        stdin: source,
        what: `pg_restore into database ${name}`,
      },
      options,
    );
    return;
  }
  if (format !== 'pg-plain')
    throw new DbError('INVALID', `postgres cannot restore ${format} backups`, { format });
  await runDbCommand(
    context,
    {
      argv: ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-f', '-'],
      env: pgEnv(context, name),
      stdin: source,
      what: `psql restore into database ${name}`,
      // psql echoes nothing on success in quiet mode; errors end it with ON_ERROR_STOP.
      failOnStderr: /^(psql:.*)?(ERROR|FATAL):/m,
    },
    options,
  );
}

/**
 * Tables, rows and a sha256 over every user table's row count and md5 of its sorted rows,
 * computed by the server (`\gexec` runs one aggregate per table, names quoted by format()).
 */
export async function pgFingerprint(
  context: DbAdapterContext,
  database: string | undefined,
  options: DbCallOptions,
): Promise<RestoreResult['verified']> {
  const sql = `SELECT format('SELECT %L AS t, count(*) AS n, coalesce(md5(string_agg(md5(x::text), '''' ORDER BY md5(x::text))), '''') AS h FROM %I.%I x', n.nspname || '.' || c.relname, n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
ORDER BY n.nspname, c.relname \\gexec`;
  const rows = await psqlRows(context, sql, {
    what: 'postgres table fingerprint',
    ...options,
    ...(database ? { database } : {}),
    settings: { default_transaction_read_only: 'on' },
  });
  const tables = rows.filter((r) => !(r[0] === 't' && r[1] === 'n' && r[2] === 'h'));
  const hash = createHash('sha256');
  let total = 0;
  for (const [t, n, h] of tables) {
    hash.update(`${t}\0${n}\0${h}\n`);
    total += Number(n);
  }
  return { tables: tables.length, rows: total, fingerprint: hash.digest('hex') };
}

export { runPsql };
