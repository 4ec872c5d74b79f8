import { BerthError, type ErrorCode } from '@berth/errors';

/**
 * The one error class of @berth/provisioning; codes are a subset of ErrorCode:
 * - INVALID_CONFIG: the catalog breaks the schema; `data.issues` lists why.
 * - NOT_FOUND: a catalog or secrets file, a server, or a tool outside the allowlist does not exist.
 * - READ_FAILED: a catalog or secrets file exists but could not be read.
 * - RELOAD_FAILED: a reloaded catalog is invalid; the last good one stays in use.
 * - WATCH_FAILED: the catalog's directory cannot be watched.
 * - CONFIG: a server cannot start as written (a missing secret, an unknown template key).
 * - TIMEOUT: start plus initialize, a call, or the wait in the queue ran past its deadline.
 * - CANCELLED: the caller's signal aborted the request.
 * - CLOSED: the server's instance died (container exit, transport closed) or the backend was closed; the next call starts a fresh one.
 * - UNREACHABLE: a remote or static server could not be reached.
 * - FAILED: the server answered the request with a JSON-RPC error.
 */
export type ProvisioningErrorCode = Extract<
  ErrorCode,
  | 'INVALID_CONFIG'
  | 'RELOAD_FAILED'
  | 'WATCH_FAILED'
  | 'NOT_FOUND'
  | 'READ_FAILED'
  | 'CONFIG'
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'CLOSED'
  | 'UNREACHABLE'
  | 'FAILED'
>;

export interface ProvisioningErrorData {
  /** The server of the catalog the error is about. */
  server?: string;
  file?: string;
  [key: string]: unknown;
}

export class ProvisioningError extends BerthError<ProvisioningErrorCode> {
  override readonly name = 'ProvisioningError';
  declare readonly data: ProvisioningErrorData;

  constructor(
    code: ProvisioningErrorCode,
    message: string,
    data: ProvisioningErrorData = {},
    options: { cause?: unknown } = {},
  ) {
    super(code, message, data, options);
  }
}
