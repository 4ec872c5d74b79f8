import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import { toEngineError } from './to-engine-error.js';

/** What docker-modem rejects with for an HTTP error answer. */
function modemError(statusCode: number, message: string): Error {
  const error = new Error(`(HTTP code ${statusCode}) unexpected - ${message} `) as Error & {
    statusCode: number;
    json: unknown;
  };
  error.statusCode = statusCode;
  error.json = { message };
  return error;
}

function errno(code: string): Error {
  return Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code });
}

describe('toEngineError', () => {
  it.each([
    [404, 'NOT_FOUND'],
    [409, 'CONFLICT'],
    [400, 'INVALID'],
    [401, 'DENIED'],
    [403, 'DENIED'],
    [500, 'ENGINE'],
    [503, 'ENGINE'],
  ] as const)('maps HTTP %i to %s with the engine message and the resource', (status, code) => {
    const cause = modemError(status, 'No such container: web');
    const error = toEngineError(cause, 'start container web', { resource: 'container', ref: 'web' });
    expect(error.code).toBe(code);
    expect(error.message).toBe('start container web: No such container: web');
    expect(error.data).toMatchObject({ resource: 'container', ref: 'web', statusCode: status });
    expect(error.cause).toBe(cause);
  });

  it('reads the message of a streaming error, which has no parsed JSON', () => {
    const cause = Object.assign(new Error('(HTTP code 404) no such container - No such container: x '), {
      statusCode: 404,
      json: null,
    });
    expect(toEngineError(cause, 'read logs').message).toBe('read logs: No such container: x');
  });

  it.each([
    ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', /tls\.cert and tls\.key/],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', /tls\.cert and tls\.key/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', /not trusted .*tls\.ca/],
    ['SELF_SIGNED_CERT_IN_CHAIN', /not trusted/],
    ['CERT_HAS_EXPIRED', /not trusted/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', /not trusted/],
  ] as const)('maps TLS failure %s to DENIED with what to check', (code, message) => {
    const error = toEngineError(errno(code), 'read engine version');
    expect(error.code).toBe('DENIED');
    expect(error.message).toMatch(message);
    expect(error.message).toContain(code);
  });

  it.each([
    ['ECONNREFUSED', 'UNREACHABLE'],
    ['ENOENT', 'UNREACHABLE'],
    ['EHOSTUNREACH', 'UNREACHABLE'],
    ['ECONNRESET', 'UNREACHABLE'],
    ['ETIMEDOUT', 'TIMEOUT'],
    ['EACCES', 'DENIED'],
  ] as const)('maps socket error %s to %s', (code, expected) => {
    const error = toEngineError(errno(code), 'list containers');
    expect(error.code).toBe(expected);
    expect(error.message).toContain(code);
    expect(error.data.errno).toBe(code);
  });

  it('names the socket or host:port it dialled', () => {
    const socket = Object.assign(new Error('connect ENOENT /run/x.sock'), {
      code: 'ENOENT',
      address: '/run/x.sock',
    });
    expect(toEngineError(socket, 'list containers').message).toBe(
      'list containers: the engine socket does not exist (is dockerd running?) at /run/x.sock (ENOENT)',
    );
    const tcp = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      address: '127.0.0.1',
      port: 2376,
    });
    expect(toEngineError(tcp, 'ping').message).toContain('at 127.0.0.1:2376 (ECONNREFUSED)');
  });

  it.each([
    ['UNKNOWN_PROFILE', 'NOT_FOUND'],
    ['DISABLED', 'DENIED'],
    ['UNREACHABLE', 'UNREACHABLE'],
    ['TIMEOUT', 'TIMEOUT'],
    ['HOST_KEY_UNKNOWN', 'DENIED'],
    ['HOST_KEY_MISMATCH', 'DENIED'],
    ['AUTH_FAILED', 'DENIED'],
    ['HOST_KEY_REVOKED', 'DENIED'],
    ['CANCELLED', 'CANCELLED'],
    ['CONFIG', 'INVALID'],
    ['CLOSED', 'UNREACHABLE'],
  ] as const)('maps ClientPoolError %s to %s, keeping the pool code', (code, expected) => {
    class ClientPoolError extends Error {
      override name = 'ClientPoolError';
      constructor(readonly code: string) {
        super(`profile prod: ${code}`);
      }
    }
    const error = toEngineError(new ClientPoolError(code), 'profile prod', {
      resource: 'profile',
      ref: 'prod',
    });
    expect(error.code).toBe(expected);
    expect(error.data).toMatchObject({ poolCode: code, ref: 'prod' });
  });

  it('passes an EngineError through and wraps anything else as ENGINE', () => {
    const own = new EngineError('CONFLICT', 'taken');
    expect(toEngineError(own, 'x')).toBe(own);
    const other = toEngineError(new Error('boom'), 'inspect image a');
    expect(other.code).toBe('ENGINE');
    expect(other.message).toBe('inspect image a: boom');
  });
});
