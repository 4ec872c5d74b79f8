import { BerthError, type ErrorCode } from '@berth/errors';

/**
 * The one error class of @berth/engine; its codes are a subset of ErrorCode, so apps map
 * them through @berth/errors. `data` names the resource so the message can say which.
 */
export type EngineErrorCode = Extract<
  ErrorCode,
  /** The container, image, volume, network, exec or profile does not exist. */
  | 'NOT_FOUND'
  /** The resource is in a state that forbids the operation (name taken, in use, not running). */
  | 'CONFLICT'
  /** The engine could not be reached (socket missing, connection refused or reset, SSH down). */
  | 'UNREACHABLE'
  /** The call ran past its deadline. */
  | 'TIMEOUT'
  /** The engine or the transport refused: permissions, registry auth, host key, read-only. */
  | 'DENIED'
  /** The request was malformed; berth checks its input before the engine sees it. */
  | 'INVALID'
  /** The caller's AbortSignal fired. */
  | 'CANCELLED'
  /** Any other engine failure (HTTP 500, a failed pull, an unexpected answer). */
  | 'ENGINE'
>;

export interface EngineErrorData {
  /** The kind of resource involved: `container`, `image`, `exec`, `profile`, ... */
  resource?: string;
  /** Its id or name as the caller gave it. */
  ref?: string;
  /** HTTP status of the engine answer, when there was one. */
  statusCode?: number;
  /** The operation, e.g. `container.start`. */
  operation?: string;
  [key: string]: unknown;
}

export class EngineError extends BerthError<EngineErrorCode> {
  override readonly name = 'EngineError';
  declare readonly data: EngineErrorData;

  constructor(
    code: EngineErrorCode,
    message: string,
    data: EngineErrorData = {},
    options: { cause?: unknown } = {},
  ) {
    super(code, message, data, options);
  }
}

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
