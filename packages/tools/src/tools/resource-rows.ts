import { z } from 'zod';
import { sameField } from '../framework/same-schema.js';
import type { Row } from '../framework/tool-output.js';
import type { RowKey } from '../framework/tool-spec.js';

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
  /** Name contains. */
  name?: string | undefined;
  /** `key` or `key=value`; all must match. */
  label?: string[] | undefined;
}

/** An engine id as the docker CLI shows it: 12 hex digits, no `sha256:`. */
export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** An engine time (ISO or epoch seconds) as ISO; undefined when the engine gave none. */
export function isoTime(value: string | number | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' ? value * 1000 : Date.parse(value);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

/** `{ created }` when the engine knows when a thing was created (volumes of old engines do not). */
export function createdField(value: string | undefined): { created?: string } {
  const iso = isoTime(value);
  return iso ? { created: iso } : {};
}

/**
 * The keyset order of every list: newest first by `created` (rows without one last), then
 * by host and id or name, so a page boundary holds while things come and go.
 */
export function listKey(row: Row): RowKey {
  const created = typeof row.created === 'string' ? Date.parse(row.created) / 1000 : 0;
  return [
    Number.isFinite(created) ? created : 0,
    `${String(row.host ?? '')}/${String(row.id ?? row.name ?? '')}`,
  ];
}

/**
 * The row schema of an action whose rows differ by `kind`: every field of every kind,
 * optional. Throws when two kinds type one field differently (the outputSchema could then
 * not say what the field holds).
 */
export function rowUnion(...kinds: z.ZodObject[]): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const kind of kinds) {
    for (const [key, field] of Object.entries(kind.shape as Record<string, z.ZodType>)) {
      const known = shape[key];
      // Kinds redeclare shared fields (name, id, created): compare their JSON Schemas only
      // when they were not built alike, since every start of an app builds these rows.
      const same = (a: z.ZodType, b: z.ZodType) =>
        sameField(a, b) ||
        JSON.stringify(z.toJSONSchema(a.optional(), { io: 'output' })) ===
          JSON.stringify(z.toJSONSchema(b.optional(), { io: 'output' }));
      if (known && !same(known, field)) throw new Error(`row field '${key}' has two types`);
      shape[key] ??= field;
    }
  }
  return z.object(shape).partial();
}
