import { describe, expect, it } from 'vitest';
import { LogCursor, parseLogLine } from './log-lines.js';

describe('LogCursor', () => {
  it('parses a line of the logs action with its time and stream', () => {
    expect(parseLogLine('2026-01-01T00:00:01.5Z err| boom')).toEqual({
      time: '2026-01-01T00:00:01.5Z',
      ms: Date.parse('2026-01-01T00:00:01.5Z'),
      stream: 'err',
      text: 'boom',
    });
    expect(parseLogLine('no time here')).toBeUndefined();
  });

  it('passes each line once across polls that repeat the last second', () => {
    const cursor = new LogCursor();
    const a = '2026-01-01T00:00:01.000Z out| a';
    const b = '2026-01-01T00:00:01.000Z out| b';
    const c = '2026-01-01T00:00:02.000Z out| c';
    expect(cursor.fresh([a]).map((l) => l.text)).toEqual(['a']);
    expect(cursor.since()).toBe('2026-01-01T00:00:01.000Z');
    expect(cursor.fresh([a, b, c]).map((l) => l.text)).toEqual(['b', 'c']);
    expect(cursor.fresh([a, b, c]).map((l) => l.text)).toEqual([]);
  });
});
