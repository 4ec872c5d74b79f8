import { describe, expect, it } from 'vitest';
import { formatLine, lastLinesWithin, toTimeValue } from './container-logs.js';

describe('toTimeValue', () => {
  const now = () => Date.parse('2025-01-01T12:00:00Z');
  it('turns 10m, 2h, 1d into a time that long ago', () => {
    expect(toTimeValue('10m', now)).toEqual(new Date('2025-01-01T11:50:00Z'));
    expect(toTimeValue('2h', now)).toEqual(new Date('2025-01-01T10:00:00Z'));
    expect(toTimeValue('1d', now)).toEqual(new Date('2024-12-31T12:00:00Z'));
  });
  it('leaves ISO times and epoch seconds to the engine layer', () => {
    expect(toTimeValue('2025-01-01T00:00:00Z', now)).toBe('2025-01-01T00:00:00Z');
    expect(toTimeValue('1700000000', now)).toBe('1700000000');
  });
});

describe('formatLine', () => {
  it('marks the stream and puts the time first', () => {
    expect(formatLine({ stream: 'stdout', text: 'up' })).toBe('out| up');
    expect(formatLine({ stream: 'stderr', text: 'boom', timestamp: '2025-01-01T00:00:00Z' })).toBe(
      '2025-01-01T00:00:00Z err| boom',
    );
  });
  it('clips a huge line', () => {
    const line = formatLine({ stream: 'stdout', text: 'x'.repeat(10_000) });
    expect(line.length).toBeLessThan(4_100);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('lastLinesWithin', () => {
  it('keeps the newest lines that fit and counts the rest', () => {
    const lines = ['aaaa', 'bbbb', 'cccc'];
    expect(lastLinesWithin(lines, 100)).toEqual({ kept: lines, dropped: 0 });
    expect(lastLinesWithin(lines, 10)).toEqual({ kept: ['bbbb', 'cccc'], dropped: 1 });
    expect(lastLinesWithin(lines, 3)).toEqual({ kept: [], dropped: 3 });
  });
});
