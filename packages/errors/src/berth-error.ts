import type { ErrorCode } from './error-code.js';

/**
 * A registry symbol, not a class check, marks berth errors: two bundled copies of this
 * package have two BerthError classes, but Symbol.for gives both the same key.
 */
const BRAND: unique symbol = Symbol.for('berth.error');

/**
 * The base of every berth error. A package's error class extends it with the subset of
 * codes it throws (`class EngineError extends BerthError<EngineErrorCode>`), so callers
 * switch on `code` and apps map it through ERROR_CODES without knowing the class.
 */
export class BerthError<C extends ErrorCode = ErrorCode> extends Error {
  override name = 'BerthError';
  readonly code: C;
  /** Facts about the failure (resource, profile, file, ...), safe to log and to show. */
  readonly data: Record<string, unknown>;

  constructor(
    code: C,
    message: string,
    data: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.code = code;
    this.data = data;
  }

  /** On the prototype, so it is neither enumerable nor part of an equality check. */
  get [BRAND](): true {
    return true;
  }
}

/** True for a BerthError from any copy of this package; never tests the class name. */
export function isBerthError(error: unknown): error is BerthError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { [BRAND]?: unknown })[BRAND] === true &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}
