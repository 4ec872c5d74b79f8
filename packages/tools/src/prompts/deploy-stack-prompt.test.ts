import { describe, expect, it } from 'vitest';
import { BERTH_TOOLS } from '../berth-tools.js';
import { selectTools } from '../framework/toolsets.js';
import { deployStackText } from './deploy-stack-prompt.js';
import { ToolRefs } from './tool-refs.js';

const named = (text: string) =>
  [...text.matchAll(/`([a-z_]+)` action `([a-z_]+)`/g)].map((m) => `${m[1]}.${m[2]}`);

describe('deploy_stack prompt', () => {
  it('walks through look, deploy, verify with the compose tools, secrets in env', () => {
    const text = deployStackText(new ToolRefs(BERTH_TOOLS), 'shop', 'prod');
    expect(named(text)).toEqual([
      'compose_read.ls',
      'compose_read.config',
      'compose_ops.deploy',
      'compose_read.ps',
      'compose_read.logs',
    ]);
    expect(text).toContain('stack: "shop", compose: <the file>, env: {…}, host: "prod"');
    expect(text).toContain('never in the file itself');
  });

  it('names only served actions: a read-only server gets no deploy step', () => {
    const tools = selectTools(BERTH_TOOLS, { readOnly: true });
    const served = new Set(tools.flatMap((t) => Object.keys(t.actions).map((a) => `${t.name}.${a}`)));
    const text = deployStackText(new ToolRefs(tools), 'shop', undefined);
    expect(named(text).every((call) => served.has(call))).toBe(true);
    expect(text).not.toContain('compose_ops');
  });
});
