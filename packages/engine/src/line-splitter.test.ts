import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

const texts = (lines: { text: string }[]) => lines.map((l) => l.text);

describe('LineSplitter', () => {
  it('joins lines and UTF-8 characters split across chunks', () => {
    const s = new LineSplitter();
    const euro = Buffer.from('€');
    const lines = [
      ...s.push(Buffer.from('one\r\ntw')),
      ...s.push(Buffer.concat([Buffer.from('o '), euro.subarray(0, 1)])),
      ...s.push(Buffer.concat([euro.subarray(1), Buffer.from('\nthree')])),
      ...s.flush(),
    ];
    expect(lines).toEqual([
      { text: 'one', cutBytes: 0 },
      { text: 'two €', cutBytes: 0 },
      { text: 'three', cutBytes: 0 },
    ]);
  });

  it('returns nothing on flush after a final newline, and keeps empty lines', () => {
    const s = new LineSplitter();
    expect(texts(s.push(Buffer.from('a\n\n')))).toEqual(['a', '']);
    expect(s.flush()).toEqual([]);
  });

  it('drops a \\r that ends a piece when the newline comes in the next one', () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from('x\r'))).toEqual([]);
    expect(texts(s.push(Buffer.from('\ny')))).toEqual(['x']);
  });

  it('cuts a line over the cap and counts, without keeping, what it left out', () => {
    const s = new LineSplitter(10);
    const lines = [
      ...s.push(Buffer.from('0123456')),
      ...s.push(Buffer.from('789abcdef')),
      ...s.push(Buffer.from('ghij\nshort\n')),
    ];
    expect(lines).toEqual([
      { text: '0123456789', cutBytes: 10 },
      { text: 'short', cutBytes: 0 },
    ]);
    expect(s.flush()).toEqual([]);
  });

  it('never splits a character at the cap: its bytes count as cut', () => {
    const s = new LineSplitter(5);
    // 'ab' then '€' (3 bytes) then 'c': the cap falls inside the euro sign's bytes.
    expect(s.push(Buffer.from('ab€€c\n'))).toEqual([{ text: 'ab€', cutBytes: 4 }]);
    expect(new LineSplitter(4).push(Buffer.from('ab€c\n'))).toEqual([{ text: 'ab', cutBytes: 4 }]);
  });

  it('flushes a cut line that never ended', () => {
    const s = new LineSplitter(3);
    expect(s.push(Buffer.alloc(100_000, 'a'))).toEqual([]);
    expect(s.flush()).toEqual([{ text: 'aaa', cutBytes: 99_997 }]);
  });

  // Work per byte, not per line length: a splitter that joins its pending line on every
  // piece would copy about 25 GB here, and never finish within the test's timeout.
  it('reads a 64 MB line in pieces in linear time', { timeout: 10_000 }, () => {
    const s = new LineSplitter(1000);
    const piece = Buffer.alloc(16 * 1024, 'x');
    for (let i = 0; i < 4096; i++) expect(s.push(piece)).toEqual([]);
    const [line] = [...s.push(Buffer.from('\n'))];
    expect(line?.text.length).toBe(1000);
    expect(line?.cutBytes).toBe(64 * 1024 * 1024 - 1000);
  });
});
