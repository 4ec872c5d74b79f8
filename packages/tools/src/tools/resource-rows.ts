import { z } from 'zod';

/** A label filter: `key` or `key=value`; several must all match. */
export const labelParam = z
  .array(
    z
      .string()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9_.\-/]+(=[^\0]*)?$/, 'label must be key or key=value')
      .refine((v) => !v.startsWith('-'), 'label must not start with "-"'),
  )
  .max(16)
  .optional();

/** What a list action narrows by. */
export interface ListFilter {
  name?: string | undefined;
  label?: string[] | undefined;
}
