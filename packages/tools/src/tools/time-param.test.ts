import { describe, expect, it } from 'vitest';
import { paramJson } from '../framework/input-schema.js';
import { timeParamAt } from './time-param.js';

const now = new Date('2030-01-01T12:00:00.000Z');
const time = timeParamAt(() => now);

describe('timeParam', () => {
  it('reads durations ago, compounds, ISO times and epoch seconds into a Date', () => {
    expect(time.parse('10m').toISOString()).toBe('2030-01-01T11:50:00.000Z');
    expect(time.parse('1h30m').toISOString()).toBe('2030-01-01T10:30:00.000Z');
    expect(time.parse('1d').toISOString()).toBe('2029-12-31T12:00:00.000Z');
    expect(time.parse('2030-01-01T11:00:00Z').toISOString()).toBe('2030-01-01T11:00:00.000Z');
    expect(time.parse('1893499200').toISOString()).toBe('2030-01-01T12:00:00.000Z');
  });

  it('refuses what is not a time with the forms it takes', () => {
    const result = time.safeParse('$(rm -rf /)');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/is not a time: give a duration ago/);
    expect(time.safeParse('March 7').success).toBe(false);
    expect(time.safeParse('x'.repeat(100)).success).toBe(false);
  });

  it('is advertised as a bare string (the forms are named once, in the tool intro)', () => {
    expect(paramJson(time)).toEqual({ type: 'string' });
  });
});
