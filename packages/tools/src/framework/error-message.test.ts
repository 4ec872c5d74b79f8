import { BerthError, ERROR_CODES, type ErrorCode } from '@berth/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorLine, MappedError } from './error-message.js';
import { ToolError } from './tool-error.js';

// A package berth does not know yet: its errors map by code, never by class name.
class ComposeError extends BerthError<'UNREACHABLE' | 'NOT_FOUND'> {
  override readonly name = 'ComposeError';
}

// What the engine layer throws for an SSH refusal: DENIED, keeping the pool's code and error.
class EngineError extends BerthError<'DENIED'> {
  override readonly name = 'EngineError';
}
class ClientPoolError extends BerthError<'HOST_KEY_UNKNOWN' | 'AUTH_FAILED'> {
  override readonly name = 'ClientPoolError';
}

describe('errorLine of an SSH refusal reported as DENIED', () => {
  it('an unknown host key: HOST_KEY_UNKNOWN, with the pool message that says how to pin the key', () => {
    const pool = new ClientPoolError(
      'HOST_KEY_UNKNOWN',
      'h:22 (profile "far") offered host key ssh-ed25519 SHA256:abc, which is not in /k. Check the fingerprint out of band, then add the host (ssh-keyscan -p 22 h >> <known_hosts>) or set hostKeyPolicy: accept-new to pin it on first use.',
      { hinted: true },
    );
    const engine = new EngineError(
      'DENIED',
      `connect to profile far: ${pool.message}`,
      { poolCode: pool.code },
      { cause: pool },
    );
    const line = errorLine(engine, 'far');
    expect(line.code).toBe('HOST_KEY_UNKNOWN');
    expect(line.exitCode).toBe(ERROR_CODES.HOST_KEY_UNKNOWN.exitCode);
    expect(line.httpStatus).toBe(ERROR_CODES.HOST_KEY_UNKNOWN.httpStatus);
    expect(line.message).toMatch(
      /ssh-keyscan -p 22 h >> <known_hosts>\) or set hostKeyPolicy: accept-new to pin it on first use\.$/,
    );
    expect(line.message).not.toContain(ERROR_CODES.DENIED.hint);
  });

  it('refused credentials, known only by the pool code an EngineError kept: AUTH_FAILED and its hint', () => {
    const line = errorLine(
      new EngineError('DENIED', 'connect to profile far: refused user "x"', { poolCode: 'AUTH_FAILED' }),
    );
    expect(line.code).toBe('AUTH_FAILED');
    expect(line.message).toBe(`connect to profile far: refused user "x"; ${ERROR_CODES.AUTH_FAILED.hint}`);
  });

  it('a DENIED from anything else stays DENIED', () => {
    const line = errorLine(
      new EngineError('DENIED', 'no permission to open the engine socket', { errno: 'EACCES' }),
    );
    expect(line.code).toBe('DENIED');
    expect(line.message).toContain(ERROR_CODES.DENIED.hint);
  });
});

describe('errorLine', () => {
  it('maps an unknown package error by its code: host, message, hint, status and exit code', () => {
    const line = errorLine(new ComposeError('UNREACHABLE', 'cannot connect to /var/run/docker.sock'), 'prod');
    expect(line.code).toBe('UNREACHABLE');
    expect(line.message).toMatch(
      /^prod: cannot connect to \/var\/run\/docker.sock; check that the engine runs/,
    );
    expect(line.httpStatus).toBe(502);
    expect(line.exitCode).toBe(5);
  });

  it.each(Object.keys(ERROR_CODES) as ErrorCode[])(
    'maps %s to its tool line, HTTP status and exit code',
    (code) => {
      const info = ERROR_CODES[code];
      const line = errorLine(new BerthError(code, 'what went wrong'), 'h1');
      expect(line.code).toBe(code);
      expect(line.message.startsWith('h1: ')).toBe(true);
      if (info.hint) expect(line.message).toContain(info.hint.slice(0, 40));
      expect(line.httpStatus).toBe(info.httpStatus);
      expect(line.exitCode).toBe(info.exitCode);
    },
  );

  it('gives zod failures one line with the path', () => {
    const result = z.object({ tail: z.number() }).safeParse({ tail: 'x' });
    expect(result.success).toBe(false);
    if (!result.success) {
      const line = errorLine(result.error);
      expect(line.message).toMatch(/^Invalid arguments: tail: .*number/);
      expect(line.code).toBe('INVALID');
    }
  });

  it('says a missing field is missing, and what it takes', () => {
    const result = z.object({ id: z.string(), argv: z.array(z.string()) }).safeParse({});
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(errorLine(result.error).message).toBe(
        'Invalid arguments: id: missing; it takes a string; argv: missing; it takes an array',
      );
    }
  });

  it('never returns a stack or more than one line', () => {
    const line = errorLine(new Error('boom\n    at secret (/x.js:1:1)'));
    expect(line.code).toBe('INTERNAL');
    expect(line.message).not.toContain('\n');
  });

  it('passes tool errors and mapped errors through', () => {
    expect(errorLine(new ToolError('READ_ONLY', 'no')).code).toBe('READ_ONLY');
    const mapped = { code: 'TIMEOUT', message: 'y', httpStatus: 504, exitCode: 6 } as const;
    expect(errorLine(new MappedError(mapped))).toEqual(mapped);
  });
});
