import { once } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { abortable, abortError, Deadline } from './abortable.js';
import { ClientPoolError } from './client-pool-error.js';

const what = 'command "ls" on profile "prod"';

describe('Deadline', () => {
  it('says TIMEOUT with the limit once its time is up', async () => {
    const deadline = new Deadline(what, 5, undefined, { profile: 'prod' });
    await once(deadline.signal, 'abort');
    const error = deadline.error();
    expect(error).toBeInstanceOf(ClientPoolError);
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      message: `${what} did not finish within 5 ms`,
      data: { profile: 'prod', timeoutMs: 5 },
    });
  });

  it('says CANCELLED, with the caller reason as cause, when the caller gave up', () => {
    const caller = new AbortController();
    const deadline = new Deadline(what, 700, caller.signal, { profile: 'prod' });
    const why = new Error('caller left');
    caller.abort(why);
    expect(deadline.error()).toMatchObject({
      code: 'CANCELLED',
      message: `${what} was cancelled`,
      data: { profile: 'prod', timeoutMs: 700 },
      cause: why,
    });
    deadline.dispose();
  });
});

describe('abortError', () => {
  it('passes on a ClientPoolError the signal was aborted with', () => {
    const reason = new ClientPoolError('CLOSED', 'pool disposed');
    expect(abortError(AbortSignal.abort(reason), 'acquiring profile "x"')).toBe(reason);
  });

  it("reads an outer deadline that passed as TIMEOUT, with that deadline's limit", async () => {
    const outer = new Deadline('health check', 5);
    await once(outer.signal, 'abort');
    expect(abortError(outer.signal, 'connecting to profile "x"', { profile: 'x' })).toMatchObject({
      code: 'TIMEOUT',
      message: 'connecting to profile "x" did not finish within 5 ms',
      data: { profile: 'x', timeoutMs: 5 },
    });
  });
});

describe('abortable', () => {
  it('rejects with CANCELLED once the signal fired, and hands the late value to discard', async () => {
    const discard = vi.fn();
    const opening = Promise.resolve('channel');
    const waiting = abortable(opening, AbortSignal.abort(), 'opening a channel', { profile: 'x' }, discard);
    await expect(waiting).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'opening a channel was cancelled',
      data: { profile: 'x' },
    });
    expect(discard).toHaveBeenCalledWith('channel');
  });
});
