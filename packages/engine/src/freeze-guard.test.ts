import { describe, expect, it } from 'vitest';
import { FreezeGuard } from './freeze-guard.js';

const live = () => new AbortController().signal;
/** Lets every queued promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A pause that records when it ran. */
function recorder() {
  const ran: string[] = [];
  return { ran, pause: async () => void ran.push('pause') };
}

describe('FreezeGuard', () => {
  it('pauses at once when no exec is starting', async () => {
    const guard = new FreezeGuard();
    const { ran, pause } = recorder();
    await guard.freeze(pause, async () => true, live());
    expect(ran).toEqual(['pause']);
  });

  it('waits for an exec being created, then until its process runs', async () => {
    const guard = new FreezeGuard();
    const { ran, pause } = recorder();
    const ticket = await guard.execStarting(live());
    let hasProcess = false;
    const asked: string[] = [];
    const pausing = guard.freeze(
      pause,
      async (id) => {
        asked.push(id);
        return hasProcess;
      },
      live(),
    );
    await settle();
    expect(ran).toEqual([]); // still being created: the engine has no id to ask about
    ticket.created('exec-1');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ran).toEqual([]);
    expect(asked.length).toBeGreaterThan(1); // asked again while it had no process
    expect(new Set(asked)).toEqual(new Set(['exec-1']));
    hasProcess = true;
    await pausing;
    expect(ran).toEqual(['pause']);
    ticket.end();
  });

  it('counts an exec asked for in the same tick as a pause, before the pause goes', async () => {
    const guard = new FreezeGuard();
    const { ran, pause } = recorder();
    const starting = guard.execStarting(live());
    const pausing = guard.freeze(pause, async () => true, live());
    await settle();
    expect(ran).toEqual([]); // the exec is counted: the pause waits for its creation
    const ticket = await starting;
    ticket.created('exec-1');
    await pausing;
    expect(ran).toEqual(['pause']);
    ticket.end();
  });

  it('lets the pause go when the exec ends before it has a process', async () => {
    const guard = new FreezeGuard();
    const { ran, pause } = recorder();
    const ticket = await guard.execStarting(live());
    ticket.created('exec-1');
    const pausing = guard.freeze(pause, async () => false, live());
    await settle();
    ticket.end();
    await pausing;
    expect(ran).toEqual(['pause']);
  });

  it('holds an exec that starts while a pause is on the way until the pause is done', async () => {
    const guard = new FreezeGuard();
    let finishPause = () => {};
    const pausing = guard.freeze(
      () => new Promise<void>((resolve) => (finishPause = resolve)),
      async () => true,
      live(),
    );
    await settle();
    let started = false;
    const starting = guard.execStarting(live()).then((ticket) => {
      started = true;
      return ticket;
    });
    await settle();
    expect(started).toBe(false);
    finishPause();
    await pausing;
    (await starting).end();
    expect(started).toBe(true);
  });

  it('gives up a wait when its signal aborts, and the guard goes on working', async () => {
    const guard = new FreezeGuard();
    const ticket = await guard.execStarting(live());
    const caller = new AbortController();
    const { ran, pause } = recorder();
    const pausing = guard.freeze(pause, async () => true, caller.signal);
    caller.abort(new Error('deadline'));
    await expect(pausing).rejects.toThrow('deadline');
    expect(ran).toEqual([]);
    // The given-up pause no longer holds new execs back.
    const next = await guard.execStarting(AbortSignal.timeout(1000));
    next.end();
    ticket.end();
    await guard.freeze(pause, async () => true, live());
    expect(ran).toEqual(['pause']);
  });

  it('counts a ticket ended twice, or ended before and after creation, once', async () => {
    const guard = new FreezeGuard();
    const a = await guard.execStarting(live());
    a.end();
    a.end();
    a.created('late');
    const b = await guard.execStarting(live());
    b.created('exec-b');
    b.end();
    b.end();
    const { ran, pause } = recorder();
    // Nothing is left counted: a pause that would wait forever on a leftover goes at once.
    await guard.freeze(pause, async () => false, AbortSignal.timeout(1000));
    expect(ran).toEqual(['pause']);
  });
});
