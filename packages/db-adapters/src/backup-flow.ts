import type { BackupFile } from './backup-file.js';
import { openBackupFile } from './backup-file.js';
import type { BackupDestination, BackupFormat, BackupResult, DbAdapterContext } from './db-adapter.js';
import type { DbKind } from './db-kind.js';

export interface DumpSpec {
  kind: DbKind;
  format: BackupFormat;
  database?: string;
  overwrite?: boolean;
  /** Streams the dump into `file.stream`; throws (DbError) when the dump tool failed. */
  dump(file: BackupFile): Promise<void>;
}

/**
 * The one way a backup is written: a contained temp file, the dump streamed into it, then
 * moved into place. A dump that fails (non-zero exit, an error on stderr, a cancel) removes
 * the partial file and throws; nothing at the destination claims to be a backup.
 */
export async function writeBackup(
  context: DbAdapterContext,
  destination: BackupDestination,
  spec: DumpSpec,
  now: () => number = Date.now,
): Promise<BackupResult> {
  const started = now();
  const file = await openBackupFile(destination, { overwrite: spec.overwrite ?? false });
  try {
    await spec.dump(file);
  } catch (error) {
    await file.abort();
    context.logger.warn({ path: file.path, format: spec.format }, 'backup failed; partial file removed');
    throw error;
  }
  const written = await file.commit();
  context.logger.info({ path: written.path, bytes: written.bytes, format: spec.format }, 'backup written');
  return {
    kind: spec.kind,
    format: spec.format,
    ...(spec.database === undefined ? {} : { database: spec.database }),
    ...written,
    durationMs: now() - started,
  };
}
