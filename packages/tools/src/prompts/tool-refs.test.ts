import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { action, defineTool, type ToolSpec } from '../framework/tool-spec.js';
import { steps, ToolRefs } from './tool-refs.js';

const a = action({ summary: 's', params: z.object({}), run: async () => ({}) });
const tool = (name: string, safety: ToolSpec['safety'], actions: string[]) =>
  defineTool({
    name,
    title: name,
    description: name,
    safety,
    actions: Object.fromEntries(actions.map((x) => [x, a])),
  });

describe('ToolRefs', () => {
  const refs = new ToolRefs([
    tool('system', 'read', ['info', 'df']),
    tool('containers', 'read', ['info', 'logs']),
    tool('remove', 'destructive', ['remove', 'cleanup_safe', 'cleanup_moderate', 'cleanup_aggressive']),
  ]);

  it('names the read tool that has the action beside its companions', () => {
    expect(refs.call('info')).toBe('`system` action `info`');
    expect(refs.call('info', ['logs'])).toBe('`containers` action `info`');
    expect(refs.call('top', ['logs'])).toBeUndefined();
    expect(refs.destructiveWith(['cleanup_safe', 'cleanup_aggressive'])?.name).toBe('remove');
    expect(new ToolRefs([]).destructiveWith(['safe'])).toBeUndefined();
  });

  it('numbers only the steps whose tool exists', () => {
    expect(steps(['one', undefined, false, 'two'])).toBe('1. one\n2. two');
  });
});
