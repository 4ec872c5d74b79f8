import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import { csvRecords } from '../csv-records.js';
import type { DbAdapterContext, DbCallOptions } from '../db-adapter.js';
import { DbError } from '../db-error.js';
import { type DbCommandResult, runDbCommand } from '../db-exec.js';

/** The database a call runs in: the caller's, else the credentials', else the user's. */
export function pgDatabase(context: DbAdapterContext, database?: string): string {
  const name = database ?? context.credentials.database ?? context.credentials.user ?? 'postgres';
  if (name.length === 0 || name.length > 63 || /[\0\n\r]/.test(name)) {
    throw new DbError('INVALID', `${JSON.stringify(name)} is not a postgres database name`, {});
  }
  return name;
}

/** A libpq conninfo value, quoted: a database name never reads as a connection string. */
export function conninfoValue(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The env of every postgres client call: who and where by libpq variables (a database
 * named like a connection string stays a name), the password only here, and server-side
 * settings (PGOPTIONS) so the server itself stops or refuses what berth gave up on.
 */
export function pgEnv(
  context: DbAdapterContext,
  database: string,
  settings: Record<string, string> = {},
  appName = 'berth',
): Record<string, string> {
  const { user, password } = context.credentials;
  const options = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`);
  return {
    PGDATABASE: database,
    ...(user ? { PGUSER: user } : {}),
    ...(password ? { PGPASSWORD: password } : {}),
    PGAPPNAME: appName,
    PGCONNECT_TIMEOUT: '10',
    PGCLIENTENCODING: 'UTF8',
    ...(options.length > 0 ? { PGOPTIONS: options.join(' ') } : {}),
  };
}

/** psql that reads a script from stdin: no psqlrc, quiet, stops at the first error. */
export const PSQL = ['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', '-'];

/** A token no value equals in practice: psql prints it for NULL, so NULL and '' differ. */
export function nullToken(): string {
  return `<berth-null-${randomBytes(8).toString('hex')}>`;
}

export interface PsqlRun extends DbCallOptions {
  database?: string;
  /** Server settings for the session (statement_timeout, default_transaction_read_only). */
  settings?: Record<string, string>;
  /** The session's application_name, so berth can find and cancel it on the server. */
  appName?: string;
  stdout?: Writable;
  maxCapturedBytes?: number;
  what: string;
}

/** Runs a psql script (trusted text built by berth; user SQL only ever base64 inside it). */
export function runPsql(
  context: DbAdapterContext,
  script: string | Readable,
  run: PsqlRun,
): Promise<DbCommandResult> {
  const database = pgDatabase(context, run.database);
  return runDbCommand(
    context,
    {
      argv: PSQL,
      env: pgEnv(context, database, run.settings, run.appName),
      stdin: script,
      what: run.what,
      ...(run.stdout ? { stdout: run.stdout } : {}),
      ...(run.maxCapturedBytes ? { maxCapturedBytes: run.maxCapturedBytes } : {}),
    },
    run,
  );
}

/** Rows of berth's own query (header first), NULL as null. */
export async function psqlRows(
  context: DbAdapterContext,
  sql: string,
  run: Omit<PsqlRun, 'stdout'>,
): Promise<Array<Array<string | null>>> {
  const token = nullToken();
  const script = `\\pset format csv\n\\pset null '${token}'\n${sql}\n`;
  const result = await runPsql(context, script, { maxCapturedBytes: 4 * 1024 * 1024, ...run });
  return csvRecords(result.stdout, result.truncated).records.map((r) =>
    r.map((v) => (v === token ? null : v)),
  );
}
