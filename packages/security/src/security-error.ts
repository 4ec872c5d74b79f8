import { BerthError, type ErrorCode } from '@berth/errors';

/**
 * Codes of SecurityError, one line each:
 * - `INVALID_ARGUMENT`: empty, too long, or characters outside what the argument allows.
 * - `CONTROL_CHARACTER`: a NUL, newline or other control character, which never belongs in a name.
 * - `LOOKS_LIKE_FLAG`: starts with `-`, so a command would read it as an option.
 * - `INVALID_IMAGE_REF`: not a valid image reference (`[registry/]repo[:tag][@digest]`).
 */
export type SecurityErrorCode = Extract<
  ErrorCode,
  'INVALID_ARGUMENT' | 'CONTROL_CHARACTER' | 'LOOKS_LIKE_FLAG' | 'INVALID_IMAGE_REF'
>;

export interface SecurityErrorData {
  /** What the value was meant to be ("container name", "image", ...). */
  what: string;
  /** The offending value, JSON-quoted and shortened so it cannot corrupt a log line. */
  value: string;
  [key: string]: unknown;
}

/** The one error class of @berth/security. */
export class SecurityError extends BerthError<SecurityErrorCode> {
  override readonly name = 'SecurityError';
  // Empty only when constructed without data, which the guards of this package never do.
  declare readonly data: Partial<SecurityErrorData>;

  constructor(
    code: SecurityErrorCode,
    message: string,
    data?: SecurityErrorData,
    options?: { cause?: unknown },
  ) {
    super(code, message, data, options);
  }
}

/** A value as it may appear in an error message: JSON-escaped, at most ~64 characters. */
export function describeValue(value: unknown): string {
  if (typeof value !== 'string') return typeof value;
  const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(shown);
}
