import { describe, expect, it, vi } from 'vitest';
import { Deadline } from './deadline.js';

describe('Deadline', () => {
  it('fires at its deadline and says it timed out', () => {
    vi.useFakeTimers();
    try {
      const deadline = new Deadline(50);
      vi.advanceTimersByTime(49);
      expect(deadline.signal.aborted).toBe(false);
      vi.advanceTimersByTime(1);
      expect([deadline.signal.aborted, deadline.timedOut]).toEqual([true, true]);
      expect((deadline.signal.reason as Error).name).toBe('TimeoutError');
    } finally {
      vi.useRealTimers();
    }
  });

  it('fires with the parent, which is not a timeout', () => {
    const parent = new AbortController();
    const deadline = new Deadline(60_000, parent.signal);
    parent.abort(new Error('caller left'));
    expect([deadline.signal.aborted, deadline.timedOut]).toEqual([true, false]);
    expect((deadline.signal.reason as Error).message).toBe('caller left');
    deadline.dispose();
  });

  it('is aborted at once when the parent already was', () => {
    const parent = new AbortController();
    parent.abort('gone');
    const deadline = new Deadline(60_000, parent.signal);
    expect([deadline.signal.aborted, deadline.signal.reason, deadline.timedOut]).toEqual([
      true,
      'gone',
      false,
    ]);
    deadline.dispose();
  });

  it('never fires once disposed', () => {
    vi.useFakeTimers();
    try {
      const parent = new AbortController();
      const deadline = new Deadline(10, parent.signal);
      deadline.dispose();
      vi.advanceTimersByTime(100);
      parent.abort();
      expect(deadline.signal.aborted).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
