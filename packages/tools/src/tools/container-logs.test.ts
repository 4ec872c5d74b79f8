import { describe, expect, it } from 'vitest';
import { formatLine, lastLinesWithin } from './container-logs.js';
import { envRecord } from './container-secrets.js';

describe('envRecord', () => {
  it('splits KEY=value at the first "=" only', () => {
    expect(envRecord(['A=1', 'URL=x=y', 'EMPTY=', 'BARE'])).toEqual({
      A: '1',
      URL: 'x=y',
      EMPTY: '',
      BARE: '',
    });
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
