import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BERTH_TOOLS } from '../berth-tools.js';
import { paramJson } from './input-schema.js';
import { sameField, sameSchema } from './same-schema.js';

describe('sameSchema', () => {
  it('knows schemas built alike', () => {
    const make = () =>
      z
        .string()
        .min(1)
        .max(64)
        .regex(/^[a-z]+$/)
        .describe('Container name')
        .optional();
    expect(sameSchema(make(), make())).toBe(true);
    expect(sameSchema(z.object({ a: z.enum(['x', 'y']) }), z.object({ a: z.enum(['x', 'y']) }))).toBe(true);
  });

  it('tells apart what differs: description, bounds, pattern, type, enum', () => {
    expect(sameSchema(z.string().describe('a'), z.string().describe('b'))).toBe(false);
    expect(sameSchema(z.string().max(3), z.string().max(4))).toBe(false);
    expect(sameSchema(z.string().regex(/a/), z.string().regex(/b/))).toBe(false);
    expect(sameSchema(z.string(), z.number())).toBe(false);
    expect(sameSchema(z.enum(['x']), z.enum(['x', 'y']))).toBe(false);
    expect(sameSchema(z.string(), z.string().optional())).toBe(false);
  });

  it('leaves out error messages and refinements, which no JSON Schema shows', () => {
    const refined = () => z.boolean({ error: () => 'say true' }).refine((v) => v, 'say true');
    expect(sameSchema(refined(), z.boolean())).toBe(true);
    expect(sameSchema(z.string().min(1, 'one'), z.string().min(1))).toBe(true);
  });

  it('leaves different functions to the caller', () => {
    const parsed = () => z.string().transform((v) => v.length);
    expect(sameSchema(parsed(), parsed())).toBe(false);
  });
});

describe('sameField', () => {
  it('sees through a bare optional, not through one with its own description', () => {
    const name = z.string().min(1);
    expect(sameField(name, name.optional())).toBe(true);
    expect(sameField(name.optional(), name.optional().optional())).toBe(true);
    expect(sameField(name, name.optional().describe('x'))).toBe(false);
  });
});

describe('sameField over every tool', () => {
  it('says "same" only of params whose advertised JSON Schemas are equal', () => {
    const params = BERTH_TOOLS.flatMap((tool) =>
      Object.values(tool.actions).flatMap((a) => Object.entries(a.params.shape)),
    );
    let compared = 0;
    for (const [name, a] of params) {
      for (const [other, b] of params) {
        if (name !== other || a === b || !sameField(a, b)) continue;
        compared += 1;
        expect(JSON.stringify(paramJson(b)), name).toBe(JSON.stringify(paramJson(a)));
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
