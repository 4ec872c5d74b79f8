import { describe, expect, it } from 'vitest';
import { BERTH_TOOLS } from '../berth-tools.js';
import type { ToolSpec } from '../framework/tool-spec.js';
import { selectTools } from '../framework/toolsets.js';
import { cleanupHostText } from './cleanup-host-prompt.js';
import { diagnoseContainerText } from './diagnose-container-prompt.js';
import { ToolRefs } from './tool-refs.js';

/** Every `tool` action `name` a prompt text names. */
function named(text: string): string[] {
  return [...text.matchAll(/`([a-z_]+)` action `?([a-z_<>]+)`?/g)].map((m) => `${m[1]}.${m[2]}`);
}

function served(tools: ReturnType<typeof selectTools<ToolSpec>>): Set<string> {
  return new Set(tools.flatMap((t) => Object.keys(t.actions).map((a) => `${t.name}.${a}`)));
}

describe('prompt texts', () => {
  it('name only tools and actions the server serves, in full and in read-only mode', () => {
    for (const readOnly of [false, true]) {
      const tools = selectTools(BERTH_TOOLS, { readOnly });
      const refs = new ToolRefs(tools);
      const has = served(tools);
      const texts = [cleanupHostText(refs, 'prod'), diagnoseContainerText(refs, 'web', undefined)];
      for (const text of texts) {
        for (const call of named(text)) {
          expect(
            has.has(call.replace('cleanup_<level>', 'cleanup_safe')),
            `${call} (readOnly ${readOnly})`,
          ).toBe(true);
        }
      }
    }
  });

  it('send a read-only server to the preview only, and a full one through a dry run', () => {
    const readOnly = cleanupHostText(new ToolRefs(selectTools(BERTH_TOOLS, { readOnly: true })), undefined);
    expect(readOnly).toContain('serves no cleanup tool');
    expect(readOnly).not.toContain('dry_run');
    const full = cleanupHostText(new ToolRefs(BERTH_TOOLS), undefined);
    expect(full).toContain('dry_run: true');
    expect(full).toContain('`read` action `cleanup`');
  });

  it('point the diagnosis at the container reads', () => {
    const text = diagnoseContainerText(new ToolRefs(BERTH_TOOLS), 'web', 'prod');
    expect(named(text)).toEqual(
      expect.arrayContaining(['read.info', 'read.logs', 'read.stats', 'read.top', 'read.df']),
    );
    expect(text).toContain('host: "prod"');
  });
});
