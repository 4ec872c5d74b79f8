import { describe, expect, it } from 'vitest';
import { KeptLines } from './kept-lines.js';
import type { LogLine } from './log-lines.js';

const line = (text: string): LogLine => ({ stream: 'stdout', text });
const texts = (kept: KeptLines) => kept.result().lines.map((l) => l.text);

describe('KeptLines', () => {
  it('keeps the first lines up to the cap and says when to stop reading', () => {
    const kept = new KeptLines(8, 'first');
    expect(kept.add(line('abc'))).toBe(true);
    expect(kept.add(line('def'))).toBe(true);
    expect(kept.add(line('g'))).toBe(false);
    expect(kept.result()).toMatchObject({ truncated: true, dropped: 0 });
    expect(texts(kept)).toEqual(['abc', 'def']);
  });

  it('keeps the newest lines that fit, counting the older ones it let go', () => {
    const kept = new KeptLines(8, 'last');
    for (const text of ['one', 'two', 'six', 'ten']) expect(kept.add(line(text))).toBe(true);
    expect(texts(kept)).toEqual(['six', 'ten']);
    expect(kept.result()).toMatchObject({ truncated: true, dropped: 2 });
  });

  it('keeps the newest line even when it alone passes the cap', () => {
    const kept = new KeptLines(4, 'last');
    kept.add(line('a'));
    kept.add(line('longer than four'));
    expect(texts(kept)).toEqual(['longer than four']);
    expect(kept.result().dropped).toBe(1);
  });

  it('lets go of many lines in linear time', () => {
    const kept = new KeptLines(100, 'last');
    for (let i = 0; i < 200_000; i++) kept.add(line(String(i).padStart(9, '0')));
    expect(texts(kept)).toEqual(Array.from({ length: 10 }, (_, i) => String(199_990 + i).padStart(9, '0')));
    expect(kept.result()).toMatchObject({ truncated: true, dropped: 199_990 });
  });

  it('is not truncated when everything fits', () => {
    const kept = new KeptLines(100, 'last');
    kept.add(line('x'));
    expect(kept.result()).toEqual({ lines: [line('x')], truncated: false, dropped: 0 });
  });
});
