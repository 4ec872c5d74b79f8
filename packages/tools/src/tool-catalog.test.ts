import { expect, it } from 'vitest';
import { BERTH_TOOLS } from './berth-tools.js';
import { createToolContext } from './framework/create-tool-context.js';
import { readsOnly } from './framework/toolsets.js';
import { BERTH_TOOL_CATALOG } from './tool-catalog.js';

it('the catalog names the tools of BERTH_TOOLS, in order, and loads the very same specs', async () => {
  expect(BERTH_TOOL_CATALOG.map((e) => e.name)).toEqual(BERTH_TOOLS.map((t) => t.name));
  for (const [i, entry] of BERTH_TOOL_CATALOG.entries()) {
    const spec = BERTH_TOOLS[i];
    expect({ toolset: entry.toolset, readsOnly: entry.readsOnly }, entry.name).toEqual({
      toolset: spec?.toolset,
      readsOnly: spec ? readsOnly(spec) : undefined,
    });
    expect(await entry.load()).toBe(spec);
  }
});

it('a context built from the catalog serves what one built from the specs serves', async () => {
  const env = { HOME: '/nonexistent' };
  for (const options of [{}, { readOnly: true }, { toolsets: ['hosts', 'db'] }]) {
    const lazy = createToolContext({ tools: BERTH_TOOL_CATALOG, env, auditLog: false, ...options });
    const eager = createToolContext({ tools: BERTH_TOOLS, env, auditLog: false, ...options });
    expect(lazy.toolNames).toEqual(eager.toolNames);
    expect(lazy.toolNames).toEqual(eager.tools.map((t) => t.name));
    expect(await lazy.tool('read')).toBe(await eager.tool('read'));
    expect(await lazy.tool('remove')).toBe(await eager.tool('remove'));
    expect(() => lazy.tools).toThrow(/on demand/);
  }
});
