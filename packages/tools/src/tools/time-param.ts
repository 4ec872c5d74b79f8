import { parseTimeArg } from '@berth/engine';
import { z } from 'zod';

/**
 * A time argument as agents write it (the forms are named once, in the intro of each tool
 * that takes one) (`10m`, `2h`, `1h30m` ago, an ISO time, epoch
 * seconds), read by the engine's one parser and handed to the action as a Date. `now` is
 * injectable for tests; the parse happens at call time, so `10m` means ten minutes before
 * the call.
 */
export function timeParamAt(now: () => Date) {
  return z
    .string()
    .max(64)
    .transform((value, ctx) => {
      try {
        return parseTimeArg(value, now());
      } catch (error) {
        // The parser's message names every accepted form: one wording for every caller.
        ctx.addIssue({ code: 'custom', message: (error as Error).message, input: value });
        return z.NEVER;
      }
    });
}

/** `since`, `until` and every other time argument of the tools. */
export const timeParam = timeParamAt(() => new Date());
