import { EngineError } from './engine-error.js';

/** A point in time: a Date, seconds since the epoch, or a string `parseTimeArg` accepts. */
export type TimeValue = Date | number | string;

const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3_600, m: 60, s: 1 };
const DURATION = /^(?:\d+(?:\.\d+)?[dhms])+$/;
const EPOCH_SECONDS = /^\d+(?:\.\d+)?$/;
// Date.parse also takes forms like "March 7" whose meaning differs between runtimes.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export const TIME_ARG_FORMS =
  'a duration ago (90s, 10m, 2h, 1d, 1h30m), an ISO 8601 time (2025-01-31T12:00:00Z) or seconds since the epoch (1700000000.5)';

/**
 * Reads a time argument as agents and people write it: a duration ago (`90s`, `10m`,
 * `2h`, `1d`, compounds such as `1h30m`), an ISO 8601 time, or seconds since the epoch
 * (fractions allowed). A bare number is always epoch seconds; durations need a unit.
 */
export function parseTimeArg(value: string, now: Date = new Date()): Date {
  const text = value.trim();
  let ms = Number.NaN;
  if (DURATION.test(text)) {
    let seconds = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)([dhms])/g)) {
      seconds += Number(amount) * (UNIT_SECONDS[unit ?? 's'] ?? 1);
    }
    ms = now.getTime() - seconds * 1000;
  } else if (EPOCH_SECONDS.test(text)) {
    ms = Number(text) * 1000;
  } else if (ISO_8601.test(text)) {
    ms = Date.parse(text.replace(' ', 'T'));
  }
  if (!Number.isFinite(ms)) {
    throw new EngineError('INVALID', `"${value}" is not a time: give ${TIME_ARG_FORMS}`, { value });
  }
  return new Date(ms);
}

/** The engine's form of a time: seconds since the epoch, fraction allowed. */
export function toUnixSeconds(
  value: TimeValue | undefined,
  field: string,
  now: Date = new Date(),
): string | undefined {
  if (value === undefined) return undefined;
  let ms: number;
  try {
    ms =
      value instanceof Date
        ? value.getTime()
        : typeof value === 'number'
          ? value * 1000
          : parseTimeArg(value, now).getTime();
  } catch {
    ms = Number.NaN;
  }
  if (!Number.isFinite(ms) || ms < 0) {
    throw new EngineError('INVALID', `${field} must be a Date or ${TIME_ARG_FORMS}`, { field });
  }
  return (ms / 1000).toFixed(3);
}
