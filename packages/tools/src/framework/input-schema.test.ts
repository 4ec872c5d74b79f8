import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, describeTool } from './define-tool.js';
import { hintsFor } from './effects.js';
import { inputJsonSchema } from './input-schema.js';
import { outputJsonSchema } from './output-schema.js';
import { pageParams } from './shape-rows.js';
import { action } from './tool-spec.js';

const run = async () => ({});
const rows = z.object({ name: z.string() });
const plan = async () => ({ rows: [], targets: [] });

describe('defineTool', () => {
  it('advertises shared params as bare types and an action line each in the description', () => {
    const spec = defineTool({
      name: 't',
      title: 'T',
      intro: 'Reads t.',
      toolset: 'x',
      actions: {
        list: action({ summary: 'lists', effect: 'read', params: z.object({ ...pageParams }), rows, run }),
      },
    });
    expect(describeTool(spec)).toBe('Reads t.\nlist: lists');
    expect(inputJsonSchema(spec)).toEqual({
      type: 'object',
      properties: {
        action: { type: 'string', enum: ['list'] },
        host: { type: 'string', description: 'Profile, "a,b" or "*"' },
        limit: { type: 'integer' },
        cursor: { type: 'string' },
        fields: { type: 'array', items: { type: 'string' } },
      },
      required: ['action'],
    });
  });

  it('gives data-losing tools dry_run and confirm_token, and keeps a param named like a keyword', () => {
    const spec = defineTool({
      name: 't',
      title: 'T',
      intro: 'i',
      toolset: 'x',
      actions: {
        go: action({
          summary: 's',
          effect: 'lose',
          params: z.object({
            labels: z.record(z.string().min(1), z.string()).optional(),
            pattern: z.string().max(9).describe('A param named like a keyword'),
          }),
          rows,
          plan,
          run,
        }),
      },
    });
    const { properties } = inputJsonSchema(spec) as { properties: Record<string, { type?: string }> };
    expect(properties.dry_run?.type).toBe('boolean');
    expect(properties.confirm_token?.type).toBe('string');
    expect(properties.labels).toEqual({ type: 'object' });
    expect(properties.pattern).toEqual({ type: 'string', description: 'A param named like a keyword' });
    const output = outputJsonSchema(spec) as { properties: Record<string, unknown> };
    expect(Object.keys(output.properties)).toEqual(['rows', 'note', 'confirm_token']);
  });

  it('refuses one param name with two meanings, mixed reads and writes, and a lose action without a plan', () => {
    const a = (params: z.ZodObject, effect: 'read' | 'change' = 'change') =>
      action({ summary: 's', effect, params, rows, run });
    expect(() =>
      defineTool({
        name: 'ops',
        title: 'T',
        intro: 'i',
        toolset: 'x',
        actions: {
          exec: a(z.object({ timeout: z.number().describe('Seconds the command may run') })),
          stop: a(z.object({ timeout: z.number().describe('Grace seconds before SIGKILL') })),
        },
      }),
    ).toThrow(/param 'timeout' means two things/);
    expect(() =>
      defineTool({
        name: 'mixed',
        title: 'T',
        intro: 'i',
        toolset: 'x',
        actions: { list: a(z.object({}), 'read'), stop: a(z.object({})) },
      }),
    ).toThrow(/separate tools/);
    expect(() =>
      defineTool({
        name: 'loses',
        title: 'T',
        intro: 'i',
        toolset: 'x',
        actions: { rm: action({ summary: 's', effect: 'lose', params: z.object({}), rows, run }) },
      }),
    ).toThrow(/needs plan/);
  });

  it('derives hints that hold for every action', () => {
    expect(hintsFor([{ effect: 'read' }])).toEqual({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: false,
    });
    expect(
      hintsFor([
        { effect: 'add', idempotent: true },
        { effect: 'add', openWorld: true },
      ]),
    ).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
    expect(hintsFor([{ effect: 'add' }, { effect: 'change' }]).destructiveHint).toBe(true);
  });
});
