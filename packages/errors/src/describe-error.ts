import { isBerthError } from './berth-error.js';
import type { ErrorCategory, ErrorCode } from './error-code.js';
import { ERROR_CODES } from './error-codes.js';

/** An error as every app renders it: the code's row of ERROR_CODES plus this error's facts. */
export interface ErrorDescription {
  code: ErrorCode;
  message: string;
  hint?: string;
  httpStatus: number;
  exitCode: number;
  category: ErrorCategory;
  data: Record<string, unknown>;
}

function isKnownCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

function codeOf(error: unknown): ErrorCode {
  // A copy of this package from another version may know codes this one does not.
  if (isBerthError(error)) return isKnownCode(error.code) ? error.code : 'INTERNAL';
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  // Both AbortSignal.abort() and AbortSignal.timeout() reject with these DOMException names.
  if (name === 'AbortError') return 'CANCELLED';
  if (name === 'TimeoutError') return 'TIMEOUT';
  return 'INTERNAL';
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && typeof (error as Error).message === 'string') {
    return (error as Error).message;
  }
  return String(error);
}

/** Maps any thrown value to its code's row: BerthErrors by code, aborts and timeouts, else INTERNAL. */
export function describeError(error: unknown): ErrorDescription {
  const code = codeOf(error);
  const { hint, httpStatus, exitCode, category } = ERROR_CODES[code];
  const data = isBerthError(error) ? (error.data ?? {}) : {};
  const description: ErrorDescription = {
    code,
    message: messageOf(error),
    httpStatus,
    exitCode,
    category,
    data,
  };
  if (hint !== undefined) description.hint = hint;
  return description;
}

/** The exit code a CLI ends with for this error. */
export function exitCodeOf(error: unknown): number {
  return describeError(error).exitCode;
}

/** The HTTP status a server answers with for this error. */
export function httpStatusOf(error: unknown): number {
  return describeError(error).httpStatus;
}
