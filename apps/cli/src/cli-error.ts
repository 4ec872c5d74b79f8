import { BerthError, type ErrorCode } from '@berth/errors';

/** The codes the CLI itself raises; tools' failures come back as their own error lines. */
export type CliErrorCode = Extract<
  ErrorCode,
  /** A flag or argument has the wrong form (exit 2). */
  | 'INVALID'
  /** A check of `doctor` or `config validate` failed. */
  | 'FAILED'
  /** A config file breaks a rule (`config validate`). */
  | 'INVALID_CONFIG'
>;

/** The one error class of the CLI; its message is the line a person reads. */
export class CliError extends BerthError<CliErrorCode> {
  override readonly name = 'CliError';
}
