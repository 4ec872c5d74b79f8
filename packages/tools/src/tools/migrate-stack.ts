import type {
  MigrateError,
  MigrateErrorCode,
  MigrationProgress,
  MigrationResult,
  RollbackReport,
} from '@berth/compose';
import { isBerthError } from '@berth/errors';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import type { Row } from '../framework/tool-output.js';
import { migrationHosts, planStackMigration } from './compose-migration.js';
import type { StackRef } from './compose-stack.js';
import { migrationRecords } from './migration-records.js';
import { humanSize } from './sizes.js';

/** The whole migration's deadline: copies stream at the network's pace, and a stack may hold a lot. */
const MIGRATE_TIMEOUT_MS = 4 * 60 * 60_000;
/** What compose's rollback may take on top (its own deadline), so the engines outlive it. */
const ROLLBACK_TIMEOUT_MS = 5 * 60_000;

/**
 * Progress as MCP wants it (strictly increasing): bytes moved, out of the plan's estimate
 * while it holds; a report that moved no bytes still counts one. `flush` awaits every
 * notification: clients drop progress that arrives after the result.
 */
function progressOf(call: HostCall) {
  const sent: Promise<void>[] = [];
  let done = 0;
  const report = (e: MigrationProgress) => {
    done = Math.max(e.bytes, done + 1);
    const total = e.knownBytes >= done ? e.knownBytes : undefined;
    sent.push(call.progress(done, total, `${e.step}: ${e.message}`).catch(() => {}));
  };
  return { report, flush: async () => void (await Promise.all(sent)) };
}

/**
 * A failed migration as the agent reads it: compose's message (the step, why, whether the
 * rollback left anything) and what the rollback undid. TIMEOUT when this call's own deadline
 * ended it, not the caller's cancel (compose reports any abort as CANCELLED).
 */
function failure(
  error: unknown,
  signals: { deadline: AbortSignal; cancel: AbortSignal },
  Failure: typeof MigrateError,
): unknown {
  if (!isBerthError(error) || typeof error.data.step !== 'string') return error;
  const undone = (error.data.rollback as RollbackReport | undefined)?.undone ?? [];
  const timedOut = signals.deadline.aborted && !signals.cancel.aborted;
  const why = timedOut ? `past its ${MIGRATE_TIMEOUT_MS / 3_600_000} h deadline: ` : '';
  return new Failure(
    timedOut ? 'TIMEOUT' : (error.code as MigrateErrorCode),
    `${why}${error.message}; rollback undid: ${undone.join(', ') || 'nothing'}`,
    error.data,
    { cause: error },
  );
}

/**
 * Moves a stack from the call's host to `to`: a fresh plan (blockers refuse, nothing
 * changed), then compose's runMigration with the call's signal as its cancel, and the plan
 * kept for `migrate_remove_source`. The source is stopped, never removed, here.
 */
export async function migrateStack(call: HostCall, p: StackRef & { to: string }): Promise<Row[]> {
  const deadline = AbortSignal.timeout(MIGRATE_TIMEOUT_MS);
  const signal = AbortSignal.any([call.signal, deadline]);
  // Bound to a longer signal than the call's: after a cancel, the rollback still needs both engines.
  const lifetime = AbortSignal.timeout(MIGRATE_TIMEOUT_MS + ROLLBACK_TIMEOUT_MS);
  const hosts = await migrationHosts(call, p.to, lifetime, true);
  const plan = await planStackMigration(call, p, hosts, signal);
  if (plan.blockers.length > 0) {
    throw new ToolError(
      'CONFLICT',
      `${plan.project} cannot move to ${p.to}, nothing was changed: ${plan.blockers.join('; ')} (compose_read migrate_plan lists the plan)`,
      { blockers: plan.blockers, hinted: true },
    );
  }
  const { createComposeDriver, MigrateError: Failure, runMigration } = await import('@berth/compose');
  const progress = progressOf(call);
  let result: MigrationResult;
  try {
    result = await runMigration(plan, {
      ...hosts,
      deployer: createComposeDriver(hosts.target.engine, { masker: call.masker, logger: call.logger }),
      signal,
      onProgress: progress.report,
      logger: call.logger,
      rollbackTimeoutMs: ROLLBACK_TIMEOUT_MS,
    });
  } catch (error) {
    await progress.flush();
    throw failure(error, { deadline, cancel: call.signal }, Failure);
  }
  await progress.flush();
  const kept = await migrationRecords(call)
    .save({ plan, migratedAt: new Date().toISOString(), bytes: result.bytes })
    .then(
      () => `compose_remove migrate_remove_source with this plan_id removes it`,
      (error: unknown) => {
        call.logger.warn({ err: error }, 'migration record not written');
        return `the plan could not be kept (${(error as Error).message}), so only compose_remove down removes it`;
      },
    );
  const verified = (kind: string) => (t: { item: string; files: number; bytes: number }) => ({
    kind,
    name: t.item,
    size: humanSize(t.bytes),
    note: `${t.files} files, sha256 equal on both hosts`,
  });
  return [
    {
      kind: 'plan',
      name: plan.id,
      note: `${plan.project} runs healthy on ${p.to}; stopped, not removed, on ${plan.source}: ${kept}`,
    },
    ...result.volumes.map(verified('volume')),
    ...result.binds.map(verified('bind')),
    ...result.images.map((ref) => ({ kind: 'image', name: ref, note: `copied to ${p.to}` })),
    ...result.files.map((f) => ({ kind: 'file', name: f.path, note: 'sha256 equal on both hosts' })),
    ...result.started.map((name) => ({ kind: 'container', name, note: `healthy on ${p.to}` })),
  ];
}
