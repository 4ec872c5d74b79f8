import { type BerthError, isBerthError } from '@berth/errors';
import { MigrateError, type MigrateErrorCode } from './migrate-error.js';
import type { MigrationStep } from './migration-plan.js';
import type { RollbackReport } from './roll-back.js';

/** Codes a step's error keeps; any other failure (a transport, compose) is ENGINE. */
const PASSED: ReadonlySet<string> = new Set<MigrateErrorCode>([
  'INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'DENIED',
  'VERIFY_FAILED',
  'ENGINE',
  'UNREACHABLE',
  'TIMEOUT',
  'CANCELLED',
  'UNSUPPORTED',
]);

/**
 * The error a failed migration throws: the step, why, and whether rollback left anything
 * (`data.rollback`); CANCELLED whenever the caller's signal fired, whatever broke first.
 */
export function migrationFailure(
  error: unknown,
  step: MigrationStep,
  signal: AbortSignal,
  rollback: RollbackReport,
): MigrateError {
  const code: MigrateErrorCode = signal.aborted
    ? 'CANCELLED'
    : isBerthError(error) && PASSED.has(error.code)
      ? (error.code as MigrateErrorCode)
      : 'ENGINE';
  const why = error instanceof Error ? error.message : String(error);
  const state =
    rollback.failed.length === 0
      ? 'rolled back: the target holds nothing of it and the source runs again'
      : `rollback incomplete (${rollback.failed.map((f) => f.what).join('; ')})`;
  return new MigrateError(
    code,
    `migration failed at ${step}: ${why}; ${state}`,
    {
      step,
      rollback,
      ...(isBerthError(error) ? { causeCode: (error as BerthError).code } : {}),
    },
    { cause: error },
  );
}
