import { describe, expect, it } from 'vitest';
import { hintsFor } from '../framework/effects.js';
import { composeOpsTool } from './compose-ops.js';
import { composeReadTool } from './compose-read.js';
import { composeRemoveTool } from './compose-remove.js';

const hints = (tool: typeof composeReadTool) => hintsFor(Object.values(tool.actions));

describe('compose tools', () => {
  it('carry hints true for every action', () => {
    expect(hints(composeReadTool)).toMatchObject({ readOnlyHint: true, destructiveHint: false });
    // up recreates and stop ends what runs: not additive, though nothing is deleted.
    expect(hints(composeOpsTool)).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      openWorldHint: true,
    });
    expect(hints(composeRemoveTool)).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
  });

  it('take booleans as booleans: the string "false" never reads as yes', () => {
    const down = composeRemoveTool.actions.down?.params;
    expect(down?.safeParse({ stack: 'shop', volumes: 'false' }).success).toBe(false);
    expect(down?.safeParse({ stack: 'shop', volumes: false }).success).toBe(true);
  });

  it('refuse stack names compose would rewrite, and relative or flag-like folders', () => {
    const ps = composeReadTool.actions.ps?.params;
    for (const stack of ['Shop', '-p', 'a b', '_x'])
      expect(ps?.safeParse({ stack }).success, stack).toBe(false);
    for (const dir of ['srv/shop', '-rf', '/srv/../etc'])
      expect(ps?.safeParse({ dir }).success, dir).toBe(false);
    expect(ps?.safeParse({ stack: 'shop_2', dir: '/srv/shop' }).success).toBe(true);
  });
});
