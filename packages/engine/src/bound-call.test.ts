import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { boundCall } from './bound-call.js';
import type { StopOptions } from './container-lifecycle.js';

const target = (timeoutMs: number, signal = new AbortController().signal) => ({
  profile: 'p',
  docker: {} as Docker,
  signal,
  timeoutMs,
});

describe('boundCall: the deadline rule', () => {
  it('gives an ordinary call the bound timeout', () => {
    expect(boundCall(target(2000), {}).timeoutMs).toBe(2000);
    expect(boundCall(target(2000), undefined).timeoutMs).toBe(2000);
  });

  it('gives a long operation max(bound timeout, its own default)', () => {
    expect(boundCall(target(2000), {}, 600_000).timeoutMs).toBe(600_000);
    expect(boundCall(target(900_000), {}, 600_000).timeoutMs).toBe(900_000);
  });

  it("lets a call's explicit timeoutMs win, ordinary or long", () => {
    expect(boundCall(target(2000), { timeoutMs: 50 }).timeoutMs).toBe(50);
    expect(boundCall(target(2000), { timeoutMs: 50 }, 600_000).timeoutMs).toBe(50);
  });

  it("joins the call's signal to the bound one; either aborts the call", () => {
    const bound = new AbortController();
    const own = new AbortController();
    const first = boundCall(target(10, bound.signal), { signal: own.signal });
    own.abort();
    expect(first.signal.aborted).toBe(true);
    const second = boundCall(target(10, bound.signal), { signal: new AbortController().signal });
    bound.abort();
    expect(second.signal.aborted).toBe(true);
    expect(boundCall(target(10, bound.signal), {}).signal).toBe(bound.signal);
  });

  it('keeps every other option as given', () => {
    const stop: StopOptions & { force: boolean } = { timeoutSeconds: 3, force: true };
    expect(boundCall(target(10), stop)).toMatchObject({
      timeoutSeconds: 3,
      force: true,
      timeoutMs: 10,
    });
  });
});
