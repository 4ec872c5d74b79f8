import { writeBackup } from '../backup-flow.js';
import type { DbAdapter, DbAdapterContext, DbAdapterFactory } from '../db-adapter.js';
import { dbError } from '../db-exec.js';
import { planRestore, type RestoreSteps, runRestore } from '../restore-flow.js';
import { isRdb } from './rdb-stream.js';
import { dumpRdb } from './redis-backup.js';
import { redisFingerprint } from './redis-fingerprint.js';
import { loadRdb } from './redis-load.js';
import { redisQuery } from './redis-query.js';
import { redisDatabaseNames, redisKeyspaces, redisStatus } from './redis-status.js';

/**
 * redis through redis-cli in the container, the password in REDISCLI_AUTH: commands as
 * argv, backups as the server's RDB snapshot, restores by replicating from a temporary
 * server loaded with the backup. One data set per server, so `database` selects a
 * numbered database for queries only.
 */
export const redisAdapter: DbAdapterFactory = (context: DbAdapterContext): DbAdapter => {
  const backup: DbAdapter['backup'] = (destination, options = {}) => {
    const format = options.format ?? 'redis-rdb';
    if (format !== 'redis-rdb')
      throw dbError(context, 'INVALID', `redis backs up as redis-rdb, not ${format}`, { format });
    return writeBackup(context, destination, {
      kind: 'redis',
      format,
      ...(options.overwrite === undefined ? {} : { overwrite: options.overwrite }),
      dump: (file) => dumpRdb(context, file, options),
    });
  };
  const steps: RestoreSteps = {
    kind: 'redis',
    sniff: (head) => (isRdb(head) ? 'redis-rdb' : undefined),
    backup: (destination, options) => backup(destination, options),
    load: async (source, format, _database, options) => {
      if (format !== 'redis-rdb')
        throw dbError(context, 'INVALID', `redis restores redis-rdb backups, not ${format}`, { format });
      await loadRdb(context, source, options);
    },
    fingerprint: (_database, options) => redisFingerprint(context, options),
  };
  return {
    kind: 'redis',
    container: context.container,
    query: (line, options) => redisQuery(context, line, options),
    backup,
    planRestore: (source, options) => planRestore(context, steps, source, options),
    restore: (plan, options) => runRestore(context, steps, plan, options),
    status: (options) => redisStatus(context, options),
    listDatabases: (options) => redisDatabaseNames(context, options),
    listTables: (options) => redisKeyspaces(context, options),
  };
};
