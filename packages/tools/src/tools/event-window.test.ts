import { describe, expect, it } from 'vitest';
import { eventWindow, parseTime } from './event-window.js';

const now = new Date('2030-01-01T12:00:00.000Z');

describe('eventWindow', () => {
  it('defaults to the last 10 minutes', () => {
    expect(eventWindow(undefined, undefined, now)).toEqual({
      since: new Date('2030-01-01T11:50:00.000Z'),
      until: now,
    });
  });

  it('reads durations ago, ISO times and epoch seconds', () => {
    expect(parseTime('2h', 'since', now).toISOString()).toBe('2030-01-01T10:00:00.000Z');
    expect(parseTime('90s', 'since', now).toISOString()).toBe('2030-01-01T11:58:30.000Z');
    expect(parseTime('2030-01-01T11:00:00Z', 'since', now).toISOString()).toBe('2030-01-01T11:00:00.000Z');
    expect(parseTime('1893499200', 'since', now).toISOString()).toBe('2030-01-01T12:00:00.000Z');
  });

  it('refuses garbage, a future end and an empty window', () => {
    expect(() => parseTime('$(rm -rf /)', 'since', now)).toThrow(/since must be a duration ago/);
    expect(() => eventWindow('1h', '2030-01-02T00:00:00Z', now)).toThrow(/until must not be in the future/);
    expect(() => eventWindow('2030-01-01T11:59:00Z', '2030-01-01T11:00:00Z', now)).toThrow(
      /since must be before until/,
    );
  });
});
