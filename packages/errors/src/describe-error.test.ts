import { describe, expect, it } from 'vitest';
import { BerthError } from './berth-error.js';
import { describeError, exitCodeOf, httpStatusOf } from './describe-error.js';

describe('describeError', () => {
  it('maps anything that is not a BerthError to INTERNAL, exit 1, HTTP 500', () => {
    for (const thrown of [new TypeError('x is undefined'), 'a string', { message: 'an object' }, undefined]) {
      const described = describeError(thrown);
      expect(described).toMatchObject({
        code: 'INTERNAL',
        exitCode: 1,
        httpStatus: 500,
        category: 'failure',
      });
      expect(described.data).toEqual({});
      expect(exitCodeOf(thrown)).toBe(1);
      expect(httpStatusOf(thrown)).toBe(500);
    }
    expect(describeError(new TypeError('x is undefined')).message).toBe('x is undefined');
    expect(describeError('a string').message).toBe('a string');
  });

  it('maps an aborted signal to CANCELLED and a timed-out one to TIMEOUT', async () => {
    const aborted = AbortSignal.abort();
    expect(describeError(aborted.reason)).toMatchObject({
      code: 'CANCELLED',
      exitCode: 130,
      httpStatus: 499,
    });
    const timedOut = AbortSignal.timeout(1);
    await new Promise((resolve) => timedOut.addEventListener('abort', resolve));
    expect(describeError(timedOut.reason)).toMatchObject({ code: 'TIMEOUT', exitCode: 6, httpStatus: 504 });
    const nodeAbort = Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
    expect(describeError(nodeAbort).code).toBe('CANCELLED');
  });

  it('maps a code unknown to this version to INTERNAL, keeping the message', () => {
    const future = new BerthError('INVALID', 'from a newer copy');
    Object.defineProperty(future, 'code', { value: 'SOMETHING_NEW' });
    expect(describeError(future)).toMatchObject({ code: 'INTERNAL', message: 'from a newer copy' });
  });
});
