import { BerthError, type ErrorCode } from '@berth/errors';

/**
 * The one error class of @berth/tools. Its message is what the agent reads: one line
 * saying what was wrong and what to do.
 */
export type ToolErrorCode = Extract<
  ErrorCode,
  /** The arguments do not fit the action (wrong type, unknown action, bad name). */
  | 'INVALID'
  /** `host` names no configured profile. */
  | 'UNKNOWN_HOST'
  /** A mutating action on a read-only server or profile. */
  | 'READ_ONLY'
  /** The user declined a destructive action when asked to confirm it. */
  | 'DECLINED'
  /** A name (container, image, ...) was not found; the message lists close ones. */
  | 'NOT_FOUND'
  /** Every host of a fan-out failed; the message names each. */
  | 'FAILED'
  /** A confirmation token's plan no longer matches what the action would do now. */
  | 'PLAN_CHANGED'
  /** A data-losing action was called without confirmation and the client cannot be asked. */
  | 'CONFIRMATION_REQUIRED'
  /** The audit line could not be written, so the action did not run. */
  | 'AUDIT_FAILED'
  /** The resource's state forbids the action (name taken, in use, not running). */
  | 'CONFLICT'
  /** The action does not exist for this host's transport or engine. */
  | 'UNSUPPORTED'
>;

export class ToolError extends BerthError<ToolErrorCode> {
  override readonly name = 'ToolError';

  constructor(
    code: ToolErrorCode,
    message: string,
    data: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(code, message, data, options);
  }
}
