import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inputJsonSchema } from './input-schema.js';
import { pageParams } from './shape-rows.js';
import { action, defineTool } from './tool-spec.js';

const run = async () => ({});

describe('inputJsonSchema', () => {
  it('advertises shared params as bare types (the instructions explain them once)', () => {
    const spec = defineTool({
      name: 't',
      title: 'T',
      description: 'd',
      safety: 'read',
      actions: { list: action({ summary: 's', params: z.object({ ...pageParams }), run }) },
    });
    expect(inputJsonSchema(spec)).toEqual({
      type: 'object',
      properties: {
        action: { type: 'string', enum: ['list'] },
        host: { type: 'string', description: 'Profile, a,b or *' },
        limit: { type: 'integer' },
        cursor: { type: 'string' },
        fields: { type: 'array', items: { type: 'string' } },
      },
      required: ['action'],
    });
  });

  it('gives mutating tools a bare host, destructive ones dry_run, and drops what says nothing', () => {
    const spec = defineTool({
      name: 't',
      title: 'T',
      description: 'd',
      safety: 'destructive',
      actions: {
        go: action({
          summary: 's',
          params: z.object({
            labels: z.record(z.string().min(1), z.string()).optional(),
            pattern: z.string().max(9).describe('A param named like a keyword'),
          }),
          run,
        }),
      },
    });
    const { properties } = inputJsonSchema(spec) as { properties: Record<string, unknown> };
    expect(properties.host).toEqual({ type: 'string' });
    expect(properties.dry_run).toEqual({ type: 'boolean' });
    expect(properties.labels).toEqual({ type: 'object' });
    expect(properties.pattern).toEqual({ type: 'string', description: 'A param named like a keyword' });
  });
});
