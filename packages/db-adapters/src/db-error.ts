import { BerthError, type ErrorCode } from '@berth/errors';

/**
 * Codes of DbError, one line each:
 * - `DATABASE`: the database refused or failed (its own message, masked, is in the error).
 * - `READ_ONLY`: a statement that writes, sent as a read-only query.
 * - `NOT_FOUND`: no such container, database, backup file.
 * - `CONFLICT`: the container is not running, or a backup file exists already.
 * - `INVALID`: bad input (a destination outside its root, an unknown format for the engine).
 * - `UNSUPPORTED`: no adapter for the container's database, or an action its engine lacks.
 * - `WRITE_FAILED`: the backup file could not be written; nothing is left at the destination.
 * - `TIMEOUT`, `CANCELLED`: the call's deadline passed or its signal fired.
 * - `ENGINE`, `UNREACHABLE`, `DENIED`: the engine under the exec failed (from EngineError).
 */
export type DbErrorCode = Extract<
  ErrorCode,
  | 'DATABASE'
  | 'READ_ONLY'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INVALID'
  | 'UNSUPPORTED'
  | 'WRITE_FAILED'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'ENGINE'
  | 'UNREACHABLE'
  | 'DENIED'
>;

/** The one error class of @berth/db-adapters; messages and data are masked before they are built. */
export class DbError extends BerthError<DbErrorCode> {
  override readonly name = 'DbError';
}
