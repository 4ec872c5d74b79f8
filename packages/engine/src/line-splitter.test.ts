import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

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
    expect(lines).toEqual(['one', 'two €', 'three']);
  });

  it('returns nothing on flush after a final newline', () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from('a\n'))).toEqual(['a']);
    expect(s.flush()).toEqual([]);
  });
});
