/**
 * The one error class of @berth/tools (STYLE.md rule 6). Its message is what the agent
 * reads: one line saying what was wrong and what to do.
 */
export type ToolErrorCode =
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
  | 'FAILED';

export class ToolError extends Error {
  override readonly name = 'ToolError';

  constructor(
    readonly code: ToolErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
