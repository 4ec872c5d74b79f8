import { writeBackup } from '../backup-flow.js';
import type { DbAdapter, DbAdapterContext, DbAdapterFactory, DbCallOptions } from '../db-adapter.js';
import { dbError } from '../db-exec.js';
import { planRestore, type RestoreSteps, runRestore } from '../restore-flow.js';
import { isRdb } from './rdb-stream.js';
import { dumpRdb } from './redis-backup.js';
import { redisFingerprint } from './redis-fingerprint.js';
import { loadRdb } from './redis-load.js';
import { redisQuery } from './redis-query.js';
import { redisDatabaseNames, redisKeyspaces, redisStatus } from './redis-status.js';
import { requirepassArgument } from './requirepass-argument.js';

const toList = (value: string | string[] | null | undefined): string[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];

/**
 * redis through redis-cli in the container, the password in REDISCLI_AUTH: commands as
 * argv, backups as the server's RDB snapshot, restores by replicating from a temporary
 * server loaded with the backup. One data set per server, so `database` selects a
 * numbered database for queries only.
 */
export const redisAdapter: DbAdapterFactory = (given: DbAdapterContext): DbAdapter => {
  const context = { ...given, credentials: { ...given.credentials } };
  // Without a password in the env, one on the server's command line (`command: redis-server
  // --requirepass ...` in compose) is the one it checks; read once, on first use.
  let known: Promise<void> | undefined;
  const login = (options: DbCallOptions = {}) => {
    if (context.credentials.password !== undefined) return Promise.resolve();
    known ??= context.engine.containers
      .inspect(context.container, options.signal ? { signal: options.signal } : {})
      .then((info) => {
        const argv = [...toList(info.Config.Entrypoint), ...toList(info.Config.Cmd)];
        const password = requirepassArgument(argv);
        if (password === undefined) return;
        context.masker.addSecrets([password]);
        context.credentials.password = password;
        context.credentials.sources.password = 'container-env';
      });
    return known;
  };
  const backup: DbAdapter['backup'] = async (destination, options = {}) => {
    await login(options);
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
    query: (line, options) => login(options).then(() => redisQuery(context, line, options)),
    backup,
    planRestore: (source, options) => planRestore(context, steps, source, options),
    restore: (plan, options) => login(options).then(() => runRestore(context, steps, plan, options)),
    status: (options) => login(options).then(() => redisStatus(context, options)),
    listDatabases: (options) => login(options).then(() => redisDatabaseNames(context, options)),
    listTables: (options) => login(options).then(() => redisKeyspaces(context, options)),
  };
};
