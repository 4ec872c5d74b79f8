import { ToolError } from '../framework/tool-error.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Reads "10m", "2h", "1d", "90s", an ISO 8601 time, or seconds since the epoch. */
export function parseTime(value: string, field: string, now: Date): Date {
  const ago = /^(\d{1,6})([smhd])$/.exec(value);
  if (ago) return new Date(now.getTime() - Number(ago[1]) * (UNIT_MS[ago[2] as string] ?? 0));
  const at = /^\d{1,12}(\.\d+)?$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(at.getTime())) {
    throw new ToolError(
      'INVALID',
      `${field} must be a duration ago (10m, 2h, 1d), an ISO time or epoch seconds`,
    );
  }
  return at;
}

export interface EventWindow {
  since: Date;
  until: Date;
}

/** The bounded window of `events`: since defaults to 10 minutes ago, until to now, never later. */
export function eventWindow(
  since: string | undefined,
  until: string | undefined,
  now = new Date(),
): EventWindow {
  const end = until === undefined ? now : parseTime(until, 'until', now);
  const start = since === undefined ? new Date(now.getTime() - 10 * 60_000) : parseTime(since, 'since', now);
  if (end.getTime() > now.getTime()) {
    throw new ToolError(
      'INVALID',
      'until must not be in the future (events is a bounded read; omit until for now)',
    );
  }
  if (start.getTime() > end.getTime()) throw new ToolError('INVALID', 'since must be before until');
  return { since: start, until: end };
}
