import { describe, expect, it } from 'vitest';
import { BerthError, isBerthError } from './berth-error.js';
import { describeError, exitCodeOf, httpStatusOf } from './describe-error.js';

/** A package's own error class, as a future package would write it. */
class ComposeError extends BerthError<'NOT_FOUND' | 'CONFLICT'> {
  override readonly name = 'ComposeError';
}

describe('BerthError', () => {
  it('keeps code, data and cause, with empty data by default', () => {
    const cause = new Error('socket closed');
    const error = new BerthError('UNREACHABLE', 'engine down', { profile: 'prod' }, { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('UNREACHABLE');
    expect(error.data).toEqual({ profile: 'prod' });
    expect(error.cause).toBe(cause);
    expect(new BerthError('INVALID', 'bad').data).toEqual({});
  });

  it('maps a subclass it has never heard of by its code, not its name', () => {
    const error = new ComposeError('NOT_FOUND', 'no such service "web"');
    expect(error.name).toBe('ComposeError');
    expect(isBerthError(error)).toBe(true);
    expect(describeError(error)).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, exitCode: 3 });
    expect(exitCodeOf(error)).toBe(3);
    expect(httpStatusOf(error)).toBe(404);
  });

  it('recognises an error branded by another copy of the package', () => {
    const foreign = Object.assign(new Error('name taken'), {
      name: 'OtherCopyError',
      code: 'CONFLICT',
      data: { ref: 'db' },
      [Symbol.for('berth.error')]: true,
    });
    expect(foreign instanceof BerthError).toBe(false);
    expect(isBerthError(foreign)).toBe(true);
    expect(describeError(foreign)).toMatchObject({
      code: 'CONFLICT',
      exitCode: 4,
      httpStatus: 409,
      data: { ref: 'db' },
    });
  });

  it('does not brand errors that merely carry a code', () => {
    const plain = Object.assign(new Error('refused'), { code: 'ECONNREFUSED', name: 'EngineError' });
    expect(isBerthError(plain)).toBe(false);
    expect(describeError(plain).code).toBe('INTERNAL');
  });

  it('keeps the brand out of enumerable keys, so equality checks ignore it', () => {
    expect(Object.getOwnPropertySymbols(new BerthError('INVALID', 'bad'))).toEqual([]);
  });
});
