import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorLine, MappedError } from './error-message.js';
import { ToolError } from './tool-error.js';

class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

describe('errorLine', () => {
  it('names the host and what to do for engine errors', () => {
    const line = errorLine(new EngineError('UNREACHABLE', 'cannot connect to /var/run/docker.sock'), 'prod');
    expect(line).toEqual({
      code: 'UNREACHABLE',
      message:
        'prod: cannot connect to /var/run/docker.sock; check that the engine runs and the profile is right (system action hosts)',
    });
  });

  it('maps raw socket errors and HTTP statuses', () => {
    const refused = Object.assign(new Error('connect ENOENT /x.sock'), { code: 'ENOENT' });
    expect(errorLine(refused, 'local').code).toBe('UNREACHABLE');
    const missing = Object.assign(new Error('(HTTP code 404) no such container'), { statusCode: 404 });
    expect(errorLine(missing).code).toBe('NOT_FOUND');
  });

  it('gives zod failures one line with the path', () => {
    const result = z.object({ tail: z.number() }).safeParse({ tail: 'x' });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(errorLine(result.error).message).toMatch(/^Invalid arguments: tail: .*number/);
  });

  it('never returns a stack or more than one line', () => {
    const line = errorLine(new Error('boom\n    at secret (/x.js:1:1)'));
    expect(line.code).toBe('INTERNAL');
    expect(line.message).not.toContain('\n');
  });

  it('passes tool errors and mapped errors through', () => {
    expect(errorLine(new ToolError('READ_ONLY', 'no')).code).toBe('READ_ONLY');
    expect(errorLine(new MappedError({ code: 'X', message: 'y' }))).toEqual({ code: 'X', message: 'y' });
  });
});
