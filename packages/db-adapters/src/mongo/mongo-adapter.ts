import { writeBackup } from '../backup-flow.js';
import type { BackupOptions, DbAdapter, DbAdapterContext, DbAdapterFactory } from '../db-adapter.js';
import { dbError } from '../db-exec.js';
import { planRestore, type RestoreSteps, runRestore } from '../restore-flow.js';
import {
  EXPORT_MAGIC,
  exportCollections,
  exportDatabase,
  importDatabase,
  mongoFingerprint,
} from './mongo-export.js';
import { mongoQuery } from './mongo-query.js';
import { mongoCollections, mongoDatabases, mongoStatus } from './mongo-status.js';

/** Backup options of mongo: the collections to export where the server cannot list its own (no listCollections). */
export interface MongoBackupOptions extends BackupOptions {
  collections?: string[];
}

/**
 * mongo through mongosh in the container (`--nodb`; the script connects with the password
 * from the exec environment). Queries are command documents in extended JSON. Backups are
 * a logical export (`mongo-export`: every collection as EJSON lines, sorted by _id), since
 * berth cannot count on mongodump being in the container; restore replaces each collection
 * of the export and verifies by a digest of every document.
 */
export const mongoAdapter: DbAdapterFactory = (context: DbAdapterContext): DbAdapter => {
  // Collections of the last export restored: where the server cannot list its collections,
  // the safety backup and the check after a restore use these.
  let known: string[] | undefined;
  const backup = (destination: Parameters<DbAdapter['backup']>[0], options: MongoBackupOptions = {}) => {
    const format = options.format ?? 'mongo-export';
    if (format !== 'mongo-export')
      throw dbError(
        context,
        'UNSUPPORTED',
        `berth backs up mongo as mongo-export (a logical export), not ${format}`,
        { format },
      );
    const database = options.database ?? context.credentials.database ?? 'test';
    return writeBackup(context, destination, {
      kind: 'mongo',
      format,
      database,
      ...(options.overwrite === undefined ? {} : { overwrite: options.overwrite }),
      dump: (file) => exportDatabase(context, file, database, options.collections ?? known, options),
    });
  };
  const steps: RestoreSteps = {
    kind: 'mongo',
    sniff: (head) =>
      head.toString('utf8').startsWith(EXPORT_MAGIC.slice(0, 16)) ? 'mongo-export' : undefined,
    backup: (destination, options) => backup(destination, options),
    load: async (source, format, database, options) => {
      if (format !== 'mongo-export')
        throw dbError(context, 'UNSUPPORTED', `berth restores mongo-export backups, not ${format}`, {
          format,
        });
      known = await importDatabase(context, source, database, options);
    },
    fingerprint: (database, options) => mongoFingerprint(context, database, known, options),
  };
  return {
    kind: 'mongo',
    container: context.container,
    query: (text, options) => mongoQuery(context, text, options),
    backup,
    planRestore: async (source, options) => {
      const plan = await planRestore(context, steps, source, options);
      // What the export holds decides what the safety backup must cover.
      known = await exportCollections(plan.source.path);
      return plan;
    },
    restore: (plan, options) => runRestore(context, steps, plan, options),
    status: (options) => mongoStatus(context, options),
    listDatabases: (options) => mongoDatabases(context, options),
    listTables: (options) => mongoCollections(context, options),
  };
};
