import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { describeFile } from './backup-file.js';
import type {
  BackupDestination,
  BackupFormat,
  BackupOptions,
  BackupResult,
  DbAdapterContext,
  DbCallOptions,
  RestoreOptions,
  RestorePlan,
  RestoreResult,
} from './db-adapter.js';
import { DbError } from './db-error.js';
import { dbError } from './db-exec.js';
import type { DbKind } from './db-kind.js';

/** What restore needs of one engine's adapter. */
export interface RestoreSteps {
  kind: DbKind;
  /** The format of a backup file from its first bytes; undefined when it is not one of this engine's. */
  sniff(head: Buffer): BackupFormat | undefined;
  backup(destination: BackupDestination, options: BackupOptions): Promise<BackupResult>;
  /** Streams `source` into the database; throws DbError when the tool failed. */
  load(
    source: Readable,
    format: BackupFormat,
    database: string | undefined,
    options: DbCallOptions,
  ): Promise<void>;
  /** Tables, rows and a fingerprint of every table's contents, to check the restore took. */
  fingerprint(database: string | undefined, options: DbCallOptions): Promise<RestoreResult['verified']>;
}

async function firstBytes(path: string, count = 16): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start: 0, end: count - 1 }))
    chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The plan: the source checked and hashed, the format known, the steps in words. Changes nothing. */
export async function planRestore(
  context: DbAdapterContext,
  steps: RestoreSteps,
  source: BackupDestination,
  options: RestoreOptions,
): Promise<RestorePlan> {
  const file = await describeFile(source);
  const sniffed = steps.sniff(await firstBytes(file.path));
  const format = options.format ?? sniffed;
  if (!format) {
    throw new DbError(
      'INVALID',
      `${file.path} is not a ${steps.kind} backup berth can restore; pass its format`,
      {
        path: file.path,
      },
    );
  }
  const database = options.database ?? context.credentials.database;
  const safety = options.safetyBackup === false ? undefined : options.safetyBackup;
  const where = database === undefined ? steps.kind : `${steps.kind} database ${database}`;
  return {
    kind: steps.kind,
    container: context.container,
    ...(database === undefined ? {} : { database }),
    format,
    source: file,
    ...(safety ? { safetyBackup: safety.path } : {}),
    steps: [
      ...(safety ? [`back up the current ${where} to ${safety.path}`] : []),
      `replace the contents of ${where} in container ${context.container.slice(0, 12)} with ${file.path} (${format}, ${file.bytes} bytes)`,
      'verify the restored tables',
      ...(safety ? ['on failure, restore the safety backup'] : []),
    ],
  };
}

/**
 * Runs a plan: checks the source is still the file that was planned (same sha256), takes
 * the safety backup, streams the source in, and verifies. When loading or verifying fails
 * and a safety backup exists, it is loaded back and the error says so.
 */
export async function runRestore(
  context: DbAdapterContext,
  steps: RestoreSteps,
  plan: RestorePlan,
  options: RestoreOptions,
  now: () => number = Date.now,
): Promise<RestoreResult> {
  const started = now();
  const call = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  const current = await describeFile({ root: plan.source.path, path: plan.source.path });
  if (current.sha256 !== plan.source.sha256) {
    throw new DbError('CONFLICT', `${plan.source.path} changed since the restore was planned; plan again`, {
      path: plan.source.path,
    });
  }
  let safety: BackupResult | undefined;
  if (options.safetyBackup !== false) {
    safety = await steps.backup(options.safetyBackup, {
      ...call,
      ...(plan.database ? { database: plan.database } : {}),
    });
  }
  try {
    await steps.load(createReadStream(plan.source.path), plan.format, plan.database, call);
    const verified = await steps.fingerprint(plan.database, call);
    context.logger.info({ path: plan.source.path, ...verified }, 'restore verified');
    return { plan, ...(safety ? { safetyBackup: safety } : {}), verified, durationMs: now() - started };
  } catch (error) {
    if (!safety) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    try {
      // Not under the caller's signal: a cancelled restore still deserves its way back.
      const rollbackCall = options.timeoutMs ? { timeoutMs: options.timeoutMs } : {};
      await steps.load(createReadStream(safety.path), safety.format, plan.database, rollbackCall);
    } catch (rollback) {
      const why = rollback instanceof Error ? rollback.message : String(rollback);
      throw dbError(
        context,
        'DATABASE',
        `restore failed (${reason}) and loading the safety backup ${safety.path} failed too (${why})`,
        {
          safetyBackup: safety.path,
        },
      );
    }
    throw dbError(context, 'DATABASE', `restore failed and the safety backup was loaded back: ${reason}`, {
      safetyBackup: safety.path,
      rolledBack: true,
    });
  }
}
