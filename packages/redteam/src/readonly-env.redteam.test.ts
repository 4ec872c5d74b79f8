import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSuite } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attackClient } from './bin.test-support.js';

/**
 * BERTH_READ_ONLY=1 makes every profile read-only. Before, the mutating tools were still
 * listed (every call then refused) and the cleanup prompt pointed the agent at `remove`.
 */
engineSuite('red team: BERTH_READ_ONLY', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-rt-ro-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists only read tools, and no prompt names a mutating one', async () => {
    await using attack = await attackClient({
      args: ['--audit-log', 'off'],
      env: { HOME: dir, BERTH_READ_ONLY: '1' },
    });
    const { tools } = await attack.client.listTools();
    for (const tool of tools) expect(tool.annotations?.readOnlyHint, tool.name).toBe(true);
    const mutating = ['create', 'container_ops', 'remove', 'host_config'];
    const { prompts } = await attack.client.listPrompts();
    for (const prompt of prompts) {
      const got = await attack.client.getPrompt({ name: prompt.name, arguments: { container: 'x' } });
      const text = got.messages.map((m) => (m.content.type === 'text' ? m.content.text : '')).join('\n');
      for (const name of mutating) expect(text, `${prompt.name} names ${name}`).not.toContain(`\`${name}\``);
    }
    // Not served at all: the client is told the tool does not exist.
    await expect(attack.call('create', { action: 'volume' })).rejects.toThrow(/create not found/);
  });
});
