import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from './concurrency-limit.js';

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('ConcurrencyLimit', () => {
  it('runs at most `limit` at once and the rest in arrival order', async () => {
    const limit = new ConcurrencyLimit(2, 10_000, 'test');
    const gates = [gate(), gate(), gate(), gate()];
    const order: number[] = [];
    const runs = gates.map((g, i) =>
      limit.run(async () => {
        order.push(i);
        await g.opened;
      }),
    );
    await Promise.resolve();
    expect(limit.active).toBe(2);
    expect(limit.waiting).toBe(2);
    gates[1]?.open();
    await runs[1];
    gates[0]?.open();
    gates[2]?.open();
    gates[3]?.open();
    await Promise.all(runs);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(limit.active).toBe(0);
  });

  it('a waiter leaves the queue with TIMEOUT or CANCELLED, and the queue moves on', async () => {
    const limit = new ConcurrencyLimit(1, 20, 'a request to x');
    const held = gate();
    const first = limit.run(() => held.opened);
    await expect(limit.run(async () => 'late')).rejects.toMatchObject({ code: 'TIMEOUT' });
    const controller = new AbortController();
    const cancelled = limit.run(async () => 'never', controller.signal);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    held.open();
    await first;
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
  });
});
