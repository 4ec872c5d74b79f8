import { EngineError, type EngineErrorCode, type EngineErrorData } from './engine-error.js';

const BY_STATUS: Record<number, EngineErrorCode> = {
  400: 'INVALID',
  401: 'DENIED',
  403: 'DENIED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  500: 'ENGINE',
};

/** Socket and transport errors; the message tells the caller what to check. */
const BY_SOCKET_CODE: Record<string, [EngineErrorCode, string]> = {
  ECONNREFUSED: ['UNREACHABLE', 'the engine refused the connection (is dockerd running?)'],
  ENOENT: ['UNREACHABLE', 'the engine socket does not exist (is dockerd running?)'],
  EHOSTUNREACH: ['UNREACHABLE', 'the engine host is unreachable'],
  ENETUNREACH: ['UNREACHABLE', 'the engine network is unreachable'],
  ECONNRESET: ['UNREACHABLE', 'the engine closed the connection'],
  EPIPE: ['UNREACHABLE', 'the engine closed the connection'],
  ENOTFOUND: ['UNREACHABLE', 'the engine host name does not resolve'],
  EAI_AGAIN: ['UNREACHABLE', 'the engine host name does not resolve'],
  ETIMEDOUT: ['TIMEOUT', 'the connection to the engine timed out'],
  EACCES: ['DENIED', 'no permission to open the engine socket'],
};

const UNTRUSTED_ENGINE: [EngineErrorCode, string] = [
  'DENIED',
  "the engine's TLS certificate is not trusted (check the profile's tls.ca, or the engine's certificate)",
];

/**
 * TLS failures of tcp profiles. Node names certificate checks by OpenSSL's verify codes;
 * a rejected client certificate arrives as an `ERR_SSL_*` alert from the engine.
 */
function tlsFailure(code: string): [EngineErrorCode, string] | undefined {
  if (/^ERR_SSL_.*(CERTIFICATE|HANDSHAKE)/.test(code)) {
    return ['DENIED', "the engine refused the TLS handshake (check the profile's tls.cert and tls.key)"];
  }
  if (/^(UNABLE_TO_|CERT_|SELF_SIGNED_|DEPTH_ZERO_SELF_SIGNED_|ERR_TLS_CERT_)/.test(code))
    return UNTRUSTED_ENGINE;
  return undefined;
}

/** ClientPoolError codes (typed structurally: the pool package is not imported here). */
const BY_POOL_CODE: Record<string, EngineErrorCode> = {
  UNKNOWN_PROFILE: 'NOT_FOUND',
  DISABLED: 'DENIED',
  READ_ONLY: 'DENIED',
  UNREACHABLE: 'UNREACHABLE',
  TIMEOUT: 'TIMEOUT',
  HOST_KEY_UNKNOWN: 'DENIED',
  HOST_KEY_MISMATCH: 'DENIED',
  HOST_KEY_REVOKED: 'DENIED',
  AUTH_FAILED: 'DENIED',
  CANCELLED: 'CANCELLED',
  CONFIG: 'INVALID',
  UNSUPPORTED: 'INVALID',
  // The client was evicted or the pool disposed: like a dropped connection, retry with a new one.
  CLOSED: 'UNREACHABLE',
};

interface ModemError {
  name?: string;
  /** Socket errors: the unix socket path or host that was dialled, and the TCP port. */
  address?: unknown;
  port?: unknown;
  code?: unknown;
  statusCode?: unknown;
  json?: unknown;
  message?: unknown;
}

/** The engine's own words: `{"message": ...}` or the tail of docker-modem's message. */
export function engineMessage(error: ModemError): string | undefined {
  const json = error.json as { message?: unknown } | null | undefined;
  if (json && typeof json.message === 'string') return json.message.trim();
  if (typeof error.message !== 'string') return undefined;
  const match = /^\(HTTP code \d+\) [^-]*- ([\s\S]*)$/.exec(error.message);
  return (match?.[1] ?? error.message).trim() || undefined;
}

/**
 * Maps anything an engine call can throw to an EngineError. `what` says what was being
 * done ("start container web"), so every message names the operation and the resource.
 */
export function toEngineError(error: unknown, what: string, data: EngineErrorData = {}): EngineError {
  if (error instanceof EngineError) return error;
  const e = (error ?? {}) as ModemError;
  if (typeof e.statusCode === 'number') {
    const code = BY_STATUS[e.statusCode] ?? (e.statusCode >= 500 ? 'ENGINE' : 'INVALID');
    const said = engineMessage(e) ?? `HTTP ${e.statusCode}`;
    return new EngineError(code, `${what}: ${said}`, { ...data, statusCode: e.statusCode }, { cause: error });
  }
  if (typeof e.code === 'string') {
    if (e.name === 'ClientPoolError' || e.code in BY_POOL_CODE) {
      const code = BY_POOL_CODE[e.code] ?? 'UNREACHABLE';
      const said = typeof e.message === 'string' ? e.message : e.code;
      return new EngineError(code, `${what}: ${said}`, { ...data, poolCode: e.code }, { cause: error });
    }
    const socket = BY_SOCKET_CODE[e.code] ?? tlsFailure(e.code);
    if (socket) {
      // Name where we dialled, so "which engine and why" is in the one line the agent reads.
      const at =
        typeof e.address === 'string'
          ? ` at ${e.address}${typeof e.port === 'number' ? `:${e.port}` : ''}`
          : '';
      return new EngineError(
        socket[0],
        `${what}: ${socket[1]}${at} (${e.code})`,
        { ...data, errno: e.code },
        {
          cause: error,
        },
      );
    }
  }
  const said = typeof e.message === 'string' ? e.message : String(error);
  return new EngineError('ENGINE', `${what}: ${said}`, data, { cause: error });
}
