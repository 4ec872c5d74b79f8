import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import { parseTimeArg, toUnixSeconds } from './time-arg.js';

const now = new Date('2025-01-01T12:00:00Z');

describe('parseTimeArg', () => {
  it('reads durations as that long ago, compounds included', () => {
    expect(parseTimeArg('90s', now)).toEqual(new Date('2025-01-01T11:58:30Z'));
    expect(parseTimeArg('10m', now)).toEqual(new Date('2025-01-01T11:50:00Z'));
    expect(parseTimeArg('2h', now)).toEqual(new Date('2025-01-01T10:00:00Z'));
    expect(parseTimeArg('1d', now)).toEqual(new Date('2024-12-31T12:00:00Z'));
    expect(parseTimeArg('1h30m', now)).toEqual(new Date('2025-01-01T10:30:00Z'));
    expect(parseTimeArg('1d2h3m4s', now)).toEqual(new Date('2024-12-31T09:56:56Z'));
    expect(parseTimeArg('1.5h', now)).toEqual(new Date('2025-01-01T10:30:00Z'));
  });

  it('reads ISO 8601 times, with or without a zone', () => {
    expect(parseTimeArg('2024-06-01T08:30:00Z', now)).toEqual(new Date('2024-06-01T08:30:00Z'));
    expect(parseTimeArg('2024-06-01T08:30:00.250+02:00', now)).toEqual(new Date('2024-06-01T06:30:00.250Z'));
    expect(parseTimeArg('2024-06-01', now)).toEqual(new Date('2024-06-01T00:00:00Z'));
    expect(parseTimeArg('2024-06-01 08:30', now)).toEqual(new Date('2024-06-01T08:30'));
  });

  it('reads seconds since the epoch, fractions allowed', () => {
    expect(parseTimeArg('1700000000', now)).toEqual(new Date(1_700_000_000_000));
    expect(parseTimeArg('1700000000.25', now)).toEqual(new Date(1_700_000_000_250));
    expect(parseTimeArg(' 0 ', now)).toEqual(new Date(0));
  });

  it('rejects anything else as INVALID, naming the accepted forms', () => {
    for (const value of ['', 'yesterday', 'March 7', '10x', '-5m', '1h 30m', '2024-13-45', 'm5']) {
      const error = (() => {
        try {
          parseTimeArg(value, now);
        } catch (e) {
          return e;
        }
      })();
      expect(error, value).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('INVALID');
      expect((error as EngineError).message).toMatch(/duration ago .* ISO 8601 .* seconds since the epoch/);
    }
  });
});

describe('toUnixSeconds', () => {
  it("gives the engine's form for every TimeValue", () => {
    expect(toUnixSeconds(undefined, 'since')).toBeUndefined();
    expect(toUnixSeconds(new Date(1_500), 'since')).toBe('1.500');
    expect(toUnixSeconds(2.25, 'since')).toBe('2.250');
    expect(toUnixSeconds('10m', 'since', now)).toBe(`${now.getTime() / 1000 - 600}.000`);
    expect(() => toUnixSeconds('soon', 'until')).toThrow(/until must be/);
    expect(() => toUnixSeconds(-1, 'until')).toThrow(EngineError);
  });
});
