import { BerthError, type ErrorCode } from '@berth/errors';

/**
 * Codes of ClientPoolError, one line each:
 * - `UNKNOWN_PROFILE`: no profile of that name in the configuration.
 * - `DISABLED`: the profile exists but has `enabled: false`.
 * - `UNREACHABLE`: the engine or SSH server could not be reached (refused, reset, DNS, closed).
 * - `TIMEOUT`: connecting or the call took longer than its timeout.
 * - `HOST_KEY_UNKNOWN`: strict host-key policy and the host's key is in no known_hosts file.
 * - `HOST_KEY_MISMATCH`: the host offered a key different from the one known or pinned for it.
 * - `HOST_KEY_REVOKED`: the host offered a key marked `@revoked` in known_hosts.
 * - `AUTH_FAILED`: the SSH server refused every credential offered (key file, agent).
 * - `CANCELLED`: the caller's AbortSignal fired.
 * - `CONFIG`: the profile cannot be used as written (missing key file, no credentials, bad TLS file).
 * - `UNSUPPORTED`: the operation does not exist for this transport (commands on a tcp profile).
 * - `CLOSED`: the client was evicted or the pool disposed; acquire a new client.
 */
export type ClientPoolErrorCode = Extract<
  ErrorCode,
  | 'UNKNOWN_PROFILE'
  | 'DISABLED'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'HOST_KEY_UNKNOWN'
  | 'HOST_KEY_MISMATCH'
  | 'HOST_KEY_REVOKED'
  | 'AUTH_FAILED'
  | 'CANCELLED'
  | 'CONFIG'
  | 'UNSUPPORTED'
  | 'CLOSED'
>;

export interface ClientPoolErrorData {
  profile?: string;
  host?: string;
  port?: number;
  /** SHA256 fingerprint (OpenSSH form) of the key the host offered. */
  offeredFingerprint?: string;
  /** SHA256 fingerprints of the keys known for the host. */
  knownFingerprints?: string[];
  /** known_hosts file(s) consulted, or the one to edit. */
  knownHostsFiles?: string[];
  timeoutMs?: number;
  [key: string]: unknown;
}

/** The one error class of @berth/client-pool. */
export class ClientPoolError extends BerthError<ClientPoolErrorCode> {
  override readonly name = 'ClientPoolError';
  declare readonly data: ClientPoolErrorData;

  constructor(
    code: ClientPoolErrorCode,
    message: string,
    data: ClientPoolErrorData = {},
    options: { cause?: unknown } = {},
  ) {
    super(code, message, data, options);
  }
}

export function isClientPoolError(error: unknown, code?: ClientPoolErrorCode): error is ClientPoolError {
  return error instanceof ClientPoolError && (code === undefined || error.code === code);
}
