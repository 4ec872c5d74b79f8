import pino, { type Logger } from 'pino';
import { copyBinds } from './copy-binds.js';
import { type CopiedFile, copyFiles } from './copy-files.js';
import { copyImages } from './copy-images.js';
import { copyVolumes } from './copy-volumes.js';
import { MigrateError } from './migrate-error.js';
import type { MigrationContext, MigrationProgress, TargetDeployer } from './migration-context.js';
import { migrationFailure } from './migration-failure.js';
import { type JournalEntry, MigrationJournal } from './migration-journal.js';
import type { MigrationPlan, MigrationStep } from './migration-plan.js';
import type { MigrationEndpoint } from './plan-migration.js';
import { rollBack } from './roll-back.js';
import { startTarget } from './start-target.js';
import { stopSource } from './stop-source.js';
import type { CopiedTree } from './verified-copy.js';

export interface RunMigrationOptions {
  /**
   * The two hosts. Bind their engines to a signal that outlives the migration (not the
   * one passed as `signal`): rollback needs them after a cancel.
   */
  source: MigrationEndpoint;
  target: MigrationEndpoint;
  /** Brings the stack up and down on the target (a ComposeDriver for the target profile). */
  deployer: TargetDeployer;
  /** Cancels the migration; what was done is rolled back. */
  signal?: AbortSignal;
  onProgress?: (event: MigrationProgress) => void;
  logger?: Logger;
  /** How long the stack on the target may take to become healthy; default 2 min. */
  healthTimeoutMs?: number;
  /** Deadline of the rollback after a failure; default 5 min. */
  rollbackTimeoutMs?: number;
}

/** A migration that ran to the end: the stack runs on the target, and is stopped (not removed) on the source. */
export interface MigrationResult {
  planId: string;
  project: string;
  volumes: CopiedTree[];
  binds: CopiedTree[];
  images: string[];
  files: CopiedFile[];
  /** Containers running and healthy on the target. */
  started: string[];
  /** Content bytes moved. */
  bytes: number;
  /** What was created on the target (for the record; removeSource needs none of it). */
  journal: JournalEntry[];
}

/**
 * Runs a plan: stop the stack on the source (a failed stop aborts), move missing images,
 * recreate and fill named volumes, copy bind mounts and the project's files (each
 * verified read back), start on the target and wait for health. Any failure or a cancel
 * rolls back from the journal: the target cleaned, the source restarted, nothing on the
 * source deleted. Removing the source is a separate step: `removeSource`.
 */
export async function runMigration(
  plan: MigrationPlan,
  options: RunMigrationOptions,
): Promise<MigrationResult> {
  if (plan.blockers.length > 0) {
    throw new MigrateError('INVALID', `the plan cannot run: ${plan.blockers.join('; ')}`, {
      blockers: plan.blockers,
    });
  }
  const signal = options.signal ?? new AbortController().signal;
  const logger = (options.logger ?? pino({ level: 'silent' })).child({
    module: 'migrate',
    migration: plan.id,
  });
  const journal = new MigrationJournal();
  let bytes = 0;
  const progress = (step: MigrationProgress['step'], message: string, item?: string) =>
    options.onProgress?.({ step, bytes, knownBytes: plan.knownBytes, message, ...(item ? { item } : {}) });
  const ctx: MigrationContext = {
    plan,
    source: options.source,
    target: options.target,
    deployer: options.deployer,
    journal,
    signal,
    logger,
    healthTimeoutMs: options.healthTimeoutMs ?? 120_000,
    report(step, message, item) {
      logger.info({ step, item }, message);
      progress(step, message, item);
    },
    moved(step, item) {
      let reported = bytes;
      return (n) => {
        bytes += n;
        if (bytes - reported >= 1024 * 1024) {
          reported = bytes;
          progress(step, `${item}: ${bytes} bytes moved`, item);
        }
      };
    },
  };
  let step: MigrationStep = 'stop-source';
  try {
    signal.throwIfAborted();
    await stopSource(ctx);
    step = 'copy-images';
    const images = await copyImages(ctx);
    step = 'copy-volumes';
    const volumes = await copyVolumes(ctx);
    step = 'copy-binds';
    const binds = await copyBinds(ctx);
    step = 'copy-files';
    const files = await copyFiles(ctx);
    step = 'start-target';
    const started = await startTarget(ctx);
    return {
      planId: plan.id,
      project: plan.project,
      volumes,
      binds,
      images,
      files,
      started,
      bytes,
      journal: [...journal.entries()],
    };
  } catch (error) {
    ctx.report('rollback', `rolling back after ${step} failed`);
    const rollback = await rollBack({
      journal,
      source: options.source,
      target: options.target,
      deployer: options.deployer,
      project: { name: plan.project, files: plan.composeFiles, directory: plan.directory },
      signal: AbortSignal.timeout(options.rollbackTimeoutMs ?? 5 * 60_000),
      logger,
    });
    throw migrationFailure(error, step, signal, rollback);
  }
}
