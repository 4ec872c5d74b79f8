import { randomBytes } from 'node:crypto';
import type { Readable, Writable } from 'node:stream';
import type { DbAdapterContext, DbCallOptions } from '../db-adapter.js';
import { DbError } from '../db-error.js';
import { type DbCommandResult, runDbCommand } from '../db-exec.js';

/** The database file: the caller's, else SQLITE_DATABASE; an absolute path, so never a flag. */
export function sqlitePath(context: DbAdapterContext, database?: string): string {
  const path = database ?? context.credentials.database;
  if (!path)
    throw new DbError(
      'INVALID',
      'name the sqlite database file (no SQLITE_DATABASE in the container env)',
      {},
    );
  if (!path.startsWith('/') || /[\0\n\r']/.test(path)) {
    throw new DbError('INVALID', `${JSON.stringify(path)} is not an absolute path of a database file`, {
      path,
    });
  }
  return path;
}

/** A scratch file in the container for online backups and restores; berth makes its name. */
export const scratchPath = () => `/tmp/berth-sqlite-${randomBytes(8).toString('hex')}.db`;

export interface SqliteRun extends DbCallOptions {
  /** Open read-only and refuse writes (`-readonly`, PRAGMA query_only) and dangerous dot-commands (`-safe`). */
  readOnly?: boolean;
  /** No dot-command may reach a shell or a file (`-safe`): always for user SQL. */
  safe?: boolean;
  stdout?: Writable;
  maxCapturedBytes?: number;
  what: string;
}

/** Runs the sqlite3 shell on one file with a script on stdin; the first error ends it (`-bail`). */
export function runSqlite(
  context: DbAdapterContext,
  path: string,
  script: string | Readable,
  run: SqliteRun,
): Promise<DbCommandResult> {
  const flags = ['-bail', '-batch', ...(run.safe ? ['-safe'] : []), ...(run.readOnly ? ['-readonly'] : [])];
  return runDbCommand(
    context,
    {
      argv: ['sqlite3', ...flags, path],
      stdin: script,
      what: run.what,
      // The shell reports some errors (a failed .restore, a parse error) and exits 0 in batch mode.
      failOnStderr: /^(Error|Parse error|Runtime error)\b/m,
      ...(run.stdout ? { stdout: run.stdout } : {}),
      ...(run.maxCapturedBytes ? { maxCapturedBytes: run.maxCapturedBytes } : {}),
    },
    run,
  );
}
