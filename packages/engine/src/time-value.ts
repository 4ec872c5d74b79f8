import { EngineError } from './engine-error.js';

/** A point in time: a Date, seconds since the epoch, or an ISO 8601 string. */
export type TimeValue = Date | number | string;

/** The engine's form of a time: seconds since the epoch, fraction allowed. */
export function toUnixSeconds(value: TimeValue | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value * 1000
        : /^\d+(\.\d+)?$/.test(value)
          ? Number(value) * 1000
          : Date.parse(value);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new EngineError('INVALID', `${field} must be a Date, seconds since the epoch or an ISO 8601 time`, {
      field,
    });
  }
  return (ms / 1000).toFixed(3);
}
