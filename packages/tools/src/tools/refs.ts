import { z } from 'zod';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,254}$/;

/**
 * A container, volume or network name or id. The pattern keeps shell metacharacters,
 * spaces, a leading `-` (flag position) and `..` out before anything reaches an engine.
 */
export const resourceRef = (what: string) =>
  z
    .string()
    .min(1)
    .max(255)
    .regex(NAME, `${what} must be a name or id (letters, digits, "_", ".", "-"), not starting with "-"`)
    .refine((v) => !v.includes('..'), `${what} must not contain ".."`);

export const containerRef = resourceRef('id').describe('Container name or id');
