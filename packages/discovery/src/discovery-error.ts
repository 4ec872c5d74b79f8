import { BerthError, type ErrorCode } from '@berth/errors';

/**
 * Codes:
 * - NOT_FOUND: no compose file in the directory or any parent; a file named by `-f`,
 *   `COMPOSE_FILE`, `env_file`, `extends` or `include` does not exist; no such service.
 * - INVALID_YAML: a compose or env file is not valid YAML; the message has line and column.
 * - INVALID_CONFIG: a compose file breaks a rule (a `${VAR:?err}` variable unset, a bad
 *   port, an `extends` cycle); the message has the dot path and the file.
 * - INVALID: an argument is malformed (a project name compose would refuse).
 * - READ_FAILED: a file exists but could not be read, or a host command to list or read failed.
 * - CANCELLED, TIMEOUT: the caller's signal fired, or a host command ran past its deadline.
 */
export type DiscoveryErrorCode = Extract<
  ErrorCode,
  'NOT_FOUND' | 'INVALID_YAML' | 'INVALID_CONFIG' | 'INVALID' | 'READ_FAILED' | 'CANCELLED' | 'TIMEOUT'
>;

export interface DiscoveryErrorData {
  /** The file the error is about, when there is one. */
  file?: string;
  /** Dot path of the offending value (`services.web.ports[1]`). */
  path?: string;
  /** The variable of a failed `${VAR:?err}`. */
  variable?: string;
  [key: string]: unknown;
}

export class DiscoveryError extends BerthError<DiscoveryErrorCode> {
  override name = 'DiscoveryError';
  declare readonly data: DiscoveryErrorData;

  constructor(
    code: DiscoveryErrorCode,
    message: string,
    data: DiscoveryErrorData = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, data, options);
  }
}
