import { describe, expect, it, vi } from 'vitest';
import { raceSignal } from './race-signal.js';

const stopped = () => new Error('stopped');

describe('raceSignal', () => {
  it('is the work itself without a signal', () => {
    const work = Promise.resolve(1);
    expect(raceSignal(work, undefined, stopped)).toBe(work);
  });

  it('settles as the work does while the signal has not fired', async () => {
    const controller = new AbortController();
    await expect(raceSignal(Promise.resolve('ok'), controller.signal, stopped)).resolves.toBe('ok');
    const failure = new Error('engine down');
    await expect(raceSignal(Promise.reject(failure), controller.signal, stopped)).rejects.toBe(failure);
  });

  it('rejects as soon as the signal fires, though the work never settles', async () => {
    const controller = new AbortController();
    const racing = raceSignal(new Promise<never>(() => {}), controller.signal, stopped);
    controller.abort();
    await expect(racing).rejects.toThrow('stopped');
  });

  it('rejects at once when the signal already fired, and drops a late failure', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      let fail: (error: Error) => void = () => {};
      const work = new Promise<never>((_, reject) => {
        fail = reject;
      });
      await expect(raceSignal(work, AbortSignal.abort(), stopped)).rejects.toThrow('stopped');
      fail(new Error('late'));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('hands a value that comes after the abort to discard', async () => {
    const controller = new AbortController();
    let finish: (value: string) => void = () => {};
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const discard = vi.fn();
    const racing = raceSignal(work, controller.signal, stopped, discard);
    controller.abort();
    await expect(racing).rejects.toThrow('stopped');
    finish('channel');
    await work;
    expect(discard).toHaveBeenCalledWith('channel');
  });

  it('removes its listener once the work settles', async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    await raceSignal(Promise.resolve(1), controller.signal, stopped);
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
