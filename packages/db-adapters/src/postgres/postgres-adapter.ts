import { writeBackup } from '../backup-flow.js';
import type { DbAdapter, DbAdapterContext, DbAdapterFactory } from '../db-adapter.js';
import { runDbCommand } from '../db-exec.js';
import { planRestore, type RestoreSteps, runRestore } from '../restore-flow.js';
import { PG_FORMATS, pgDumpArgv, pgFingerprint, pgLoad, sniffPgFormat } from './postgres-dump.js';
import { postgresQuery } from './postgres-query.js';
import { postgresDatabases, postgresStatus, postgresTables } from './postgres-status.js';
import { pgDatabase, pgEnv } from './psql.js';

/** postgres through psql, pg_dump and pg_restore in the container. */
export const postgresAdapter: DbAdapterFactory = (context: DbAdapterContext): DbAdapter => {
  const backup: DbAdapter['backup'] = (destination, options = {}) => {
    const format = options.format ?? 'pg-custom';
    const argv = pgDumpArgv(format);
    const database = pgDatabase(context, options.database);
    return writeBackup(context, destination, {
      kind: 'postgres',
      format,
      database,
      ...(options.overwrite === undefined ? {} : { overwrite: options.overwrite }),
      dump: async (file) => {
        await runDbCommand(
          context,
          {
            argv,
            env: pgEnv(context, database),
            stdout: file.stream,
            what: `pg_dump of database ${database}`,
          },
          options,
        );
      },
    });
  };
  const steps: RestoreSteps = {
    kind: 'postgres',
    sniff: sniffPgFormat,
    backup: (destination, options) => backup(destination, options),
    load: (source, format, database, options) => pgLoad(context, source, format, database, options),
    fingerprint: (database, options) => pgFingerprint(context, database, options),
  };
  return {
    kind: 'postgres',
    container: context.container,
    query: (sql, options) => postgresQuery(context, sql, options),
    backup,
    planRestore: (source, options) => planRestore(context, steps, source, options),
    restore: (plan, options) => runRestore(context, steps, plan, options),
    status: (options) => postgresStatus(context, options),
    listDatabases: (options) => postgresDatabases(context, options),
    listTables: (options) => postgresTables(context, options),
  };
};

export { PG_FORMATS };
