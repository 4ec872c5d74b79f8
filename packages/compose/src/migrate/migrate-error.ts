import { BerthError, type ErrorCode } from '@berth/errors';

/** The codes a migration fails with; apps map them through @berth/errors. */
export type MigrateErrorCode = Extract<
  ErrorCode,
  /** The plan or an option is malformed, or the plan has blockers (port taken, volume exists on the target). */
  | 'INVALID'
  /** The stack has no containers on the source, or a path, volume or image is gone. */
  | 'NOT_FOUND'
  /** A resource's state forbids a step: a container would not stop, a target path or volume exists. */
  | 'CONFLICT'
  /** A bind mount lies outside the profile's bindRoots. */
  | 'DENIED'
  /** Data read back from the target differs from the source; the source is untouched. */
  | 'VERIFY_FAILED'
  /** The stack on the target did not become running and healthy. */
  | 'ENGINE'
  /** An engine or SSH host stopped answering. */
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'CANCELLED'
  /** A step needs host commands the profile cannot run (tcp profiles). */
  | 'UNSUPPORTED'
>;

export class MigrateError extends BerthError<MigrateErrorCode> {
  override readonly name = 'MigrateError';
}
