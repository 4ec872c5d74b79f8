import { writeBackup } from '../backup-flow.js';
import type { DbAdapter, DbAdapterContext, DbAdapterFactory } from '../db-adapter.js';
import { DbError } from '../db-error.js';
import { planRestore, type RestoreSteps, runRestore } from '../restore-flow.js';
import { SQLITE_HEADER, sqliteDump, sqliteFingerprint, sqliteLoad } from './sqlite-backup.js';
import { sqliteQuery } from './sqlite-query.js';
import { sqlitePath } from './sqlite-shell.js';
import { sqliteDatabases, sqliteStatus, sqliteTables } from './sqlite-status.js';

/** sqlite through the sqlite3 shell in the container that holds the database file. */
export const sqliteAdapter: DbAdapterFactory = (context: DbAdapterContext): DbAdapter => {
  const backup: DbAdapter['backup'] = (destination, options = {}) => {
    const format = options.format ?? 'sqlite';
    if (format !== 'sqlite')
      throw new DbError('INVALID', `sqlite has no ${format} backups; use sqlite`, { format });
    const path = sqlitePath(context, options.database);
    return writeBackup(context, destination, {
      kind: 'sqlite',
      format,
      database: path,
      ...(options.overwrite === undefined ? {} : { overwrite: options.overwrite }),
      dump: (file) => sqliteDump(context, path, file.stream, options),
    });
  };
  const steps: RestoreSteps = {
    kind: 'sqlite',
    sniff: (head) => (head.subarray(0, 16).equals(SQLITE_HEADER) ? 'sqlite' : undefined),
    backup: (destination, options) => backup(destination, options),
    load: (source, format, database, options) => {
      if (format !== 'sqlite')
        throw new DbError('INVALID', `sqlite cannot restore ${format} backups`, { format });
      return sqliteLoad(context, sqlitePath(context, database), source, options);
    },
    fingerprint: (database, options) => sqliteFingerprint(context, sqlitePath(context, database), options),
  };
  return {
    kind: 'sqlite',
    container: context.container,
    query: (sql, options) => sqliteQuery(context, sql, options),
    backup,
    planRestore: (source, options) => planRestore(context, steps, source, options),
    restore: (plan, options) => runRestore(context, steps, plan, options),
    status: (options) => sqliteStatus(context, options),
    listDatabases: () => sqliteDatabases(context),
    listTables: (options) => sqliteTables(context, options),
  };
};
