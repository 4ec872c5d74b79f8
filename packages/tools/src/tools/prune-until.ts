import { z } from 'zod';

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d{1,6}[smhd])+$/;

/** `until`: a duration back from now (`24h`, `1h30m`, `7d`), an ISO time, or epoch seconds. */
export const untilParam = z
  .string()
  .max(40)
  .refine(
    (v) => untilCutoff(v, new Date()) !== undefined,
    'until must be like 24h, 7d, an ISO time or epoch seconds',
  )
  .optional()
  .describe('e.g. 24h');

/** The moment `until` names, in ms since the epoch; undefined when it names none. */
export function untilCutoff(until: string, now: Date): number | undefined {
  if (DURATION.test(until)) {
    let ms = 0;
    for (const [, n, unit] of until.matchAll(/(\d+)([smhd])/g)) ms += Number(n) * (UNITS[unit ?? 's'] ?? 0);
    return now.getTime() - ms;
  }
  if (/^\d{9,12}(\.\d+)?$/.test(until)) return Number(until) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(until)) return undefined;
  const ms = Date.parse(until);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The engine's form: epoch seconds, so the plan and the prune use the very same cutoff. */
export function engineUntil(cutoffMs: number): string {
  return String(Math.floor(cutoffMs / 1000));
}
