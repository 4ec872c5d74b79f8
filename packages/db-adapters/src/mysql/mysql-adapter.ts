import { writeBackup } from '../backup-flow.js';
import type { DbAdapter, DbAdapterContext, DbAdapterFactory } from '../db-adapter.js';
import { DbError } from '../db-error.js';
import { planRestore, type RestoreSteps, runRestore } from '../restore-flow.js';
import { mysqlDatabase, mysqlTools } from './mysql-client.js';
import { mysqlDump, mysqlFingerprint, mysqlLoad, sniffMysqlFormat } from './mysql-dump.js';
import { mysqlQuery } from './mysql-query.js';
import { mysqlDatabases, mysqlStatus, mysqlTables } from './mysql-status.js';

/** mysql and mariadb through their client and dump programs in the container. */
export const mysqlAdapter: DbAdapterFactory = (context: DbAdapterContext): DbAdapter => {
  const tools = mysqlTools(context);
  const backup: DbAdapter['backup'] = async (destination, options = {}) => {
    const format = options.format ?? 'mysql-sql';
    if (format !== 'mysql-sql')
      throw new DbError('INVALID', `mysql has no ${format} backups; use mysql-sql`, { format });
    const found = await tools(options);
    const database = mysqlDatabase(context, options.database);
    return writeBackup(context, destination, {
      kind: 'mysql',
      format,
      ...(database === undefined ? {} : { database }),
      ...(options.overwrite === undefined ? {} : { overwrite: options.overwrite }),
      dump: async (file) => {
        await mysqlDump(context, found, database, file.stream, options);
      },
    });
  };
  const steps: RestoreSteps = {
    kind: 'mysql',
    sniff: sniffMysqlFormat,
    backup: (destination, options) => backup(destination, options),
    load: async (source, format, database, options) =>
      mysqlLoad(context, await tools(options), source, format, database, options),
    fingerprint: async (database, options) =>
      mysqlFingerprint(context, await tools(options), database, options),
  };
  return {
    kind: 'mysql',
    container: context.container,
    query: async (sql, options = {}) => mysqlQuery(context, await tools(options), sql, options),
    backup,
    planRestore: (source, options) => planRestore(context, steps, source, options),
    restore: (plan, options) => runRestore(context, steps, plan, options),
    status: async (options = {}) => mysqlStatus(context, await tools(options), options),
    listDatabases: async (options = {}) => mysqlDatabases(context, await tools(options), options),
    listTables: async (options = {}) => mysqlTables(context, await tools(options), options),
  };
};
