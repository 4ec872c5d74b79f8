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
    expect(line.endsWith('…[+6000 bytes]')).toBe(true);
  });
  it('says how much of a line the engine cut', () => {
    expect(formatLine({ stream: 'stdout', text: 'head', cutBytes: 70 })).toBe('out| head…[+70 bytes]');
  });
});

describe('lastLinesWithin', () => {
  it('keeps the newest lines whose JSON fits and counts the rest', () => {
    const lines = ['aaaa', 'bbbb', 'cccc'];
    expect(lastLinesWithin(lines, 100)).toEqual({ kept: lines, dropped: 0 });
    // ["bbbb","cccc"] is 15 bytes; escapes count as the agent reads them.
    expect(lastLinesWithin(lines, 15)).toEqual({ kept: ['bbbb', 'cccc'], dropped: 1 });
    expect(lastLinesWithin(['\u0001\u0001', 'ok'], 10)).toEqual({ kept: ['ok'], dropped: 1 });
  });
  it('cuts the newest line when not even it fits', () => {
    const { kept, dropped, cut } = lastLinesWithin(['old', 'x'.repeat(500)], 60);
    expect({ dropped, cut }).toEqual({ dropped: 1, cut: true });
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(60);
    expect(kept[0]).toMatch(/^x+…\[\+\d+ bytes\]$/);
  });
});
