import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import type { Effect } from '../framework/effects.js';
import { action } from '../framework/tool-spec.js';
import { steps, ToolRefs } from './tool-refs.js';

const tool = (name: string, effect: Effect, actions: string[]) =>
  defineTool({
    name,
    title: name,
    intro: name,
    toolset: 'docker',
    actions: Object.fromEntries(
      actions.map((x) => [
        x,
        action({
          summary: 's',
          effect,
          params: z.object({}),
          rows: z.object({}),
          run: async () => ({}),
          ...(effect === 'lose' ? { plan: async () => ({ rows: [], targets: [] }) } : {}),
        }),
      ]),
    ),
  });

describe('ToolRefs', () => {
  const refs = new ToolRefs([
    tool('system', 'read', ['info', 'df']),
    tool('resources', 'read', ['info', 'logs']),
    tool('remove', 'lose', ['remove', 'cleanup_safe', 'cleanup_moderate', 'cleanup_aggressive']),
  ]);

  it('names the read tool that has the action beside its companions', () => {
    expect(refs.call('info')).toBe('`system` action `info`');
    expect(refs.call('info', ['logs'])).toBe('`resources` action `info`');
    expect(refs.call('top', ['logs'])).toBeUndefined();
    expect(refs.call('remove')).toBeUndefined();
    expect(refs.mutatingWith(['cleanup_safe', 'cleanup_aggressive'])?.name).toBe('remove');
    expect(refs.mutatingWith(['info'])).toBeUndefined();
    expect(new ToolRefs([]).mutatingWith(['safe'])).toBeUndefined();
  });

  it('numbers only the steps whose tool exists', () => {
    expect(steps(['one', undefined, false, 'two'])).toBe('1. one\n2. two');
  });
});
