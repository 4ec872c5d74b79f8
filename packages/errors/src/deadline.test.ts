import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadline, deadlinePassedMs } from './deadline.js';
import { describeError } from './describe-error.js';

describe('Deadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires at its deadline and says it timed out', () => {
    const deadline = new Deadline('list containers', 50);
    vi.advanceTimersByTime(49);
    expect([deadline.aborted, deadline.timedOut, deadline.stoppedBy]).toEqual([false, false, undefined]);
    vi.advanceTimersByTime(1);
    expect([deadline.signal.aborted, deadline.timedOut, deadline.stoppedBy]).toEqual([true, true, 'TIMEOUT']);
    expect(deadline).toMatchObject({ what: 'list containers', timeoutMs: 50 });
  });

  it('aborts with a TimeoutError that carries its limit', () => {
    const deadline = new Deadline('ping', 20);
    vi.advanceTimersByTime(20);
    const reason: unknown = deadline.signal.reason;
    expect(reason).toBeInstanceOf(DOMException);
    expect(reason).toMatchObject({ name: 'TimeoutError', message: 'timed out after 20 ms' });
    expect(deadlinePassedMs(reason)).toBe(20);
    expect(describeError(reason).code).toBe('TIMEOUT');
  });

  it('fires with the parent, as a cancel with the parent reason, and lets go of its timer', () => {
    const parent = new AbortController();
    const deadline = new Deadline('ping', 60_000, parent.signal);
    const why = new Error('caller left');
    parent.abort(why);
    expect([deadline.signal.aborted, deadline.timedOut, deadline.stoppedBy]).toEqual([
      true,
      false,
      'CANCELLED',
    ]);
    expect(deadline.signal.reason).toBe(why);
    expect(deadlinePassedMs(deadline.signal.reason)).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(deadline.timedOut).toBe(false);
  });

  it('counts a parent that timed out as a timeout, but not as its own', () => {
    const parent = new AbortController();
    const deadline = new Deadline('ping', 60_000, parent.signal);
    parent.abort(new DOMException('the request timed out', 'TimeoutError'));
    expect([deadline.timedOut, deadline.stoppedBy]).toEqual([false, 'TIMEOUT']);
  });

  it('lets go of the parent once its own time is up', () => {
    const parent = new AbortController();
    const remove = vi.spyOn(parent.signal, 'removeEventListener');
    const deadline = new Deadline('ping', 10, parent.signal);
    vi.advanceTimersByTime(10);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    parent.abort(new Error('too late'));
    expect(deadline.signal.reason).toMatchObject({ name: 'TimeoutError' });
  });

  it('is aborted at once, with no timer, when the parent already was', () => {
    const parent = new AbortController();
    parent.abort('gone');
    const deadline = new Deadline('ping', 60_000, parent.signal);
    expect([deadline.signal.aborted, deadline.signal.reason, deadline.timedOut, deadline.stoppedBy]).toEqual([
      true,
      'gone',
      false,
      'CANCELLED',
    ]);
    expect(vi.getTimerCount()).toBe(0);
    deadline.dispose();
  });

  it('never fires once disposed, by either source', () => {
    const parent = new AbortController();
    const deadline = new Deadline('ping', 10, parent.signal);
    deadline.dispose();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(100);
    parent.abort();
    expect([deadline.signal.aborted, deadline.stoppedBy]).toEqual([false, undefined]);
  });

  it('is disposed at the end of a using block', () => {
    const parent = new AbortController();
    {
      using deadline = new Deadline('ping', 10, parent.signal);
      expect(deadline.aborted).toBe(false);
    }
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('deadlinePassedMs', () => {
  it('is undefined for reasons no Deadline gave', () => {
    expect(deadlinePassedMs(undefined)).toBeUndefined();
    expect(deadlinePassedMs(new DOMException('x', 'AbortError'))).toBeUndefined();
    expect(deadlinePassedMs(new DOMException('x', 'TimeoutError'))).toBeUndefined();
    expect(deadlinePassedMs({ name: 'TimeoutError', timeoutMs: 5 })).toBeUndefined();
  });
});
