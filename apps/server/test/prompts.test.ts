import { describe, expect, it } from 'vitest';
import { binClient } from './bin-client.js';

const NO_DOCKER = { DOCKER_HOST: 'unix:///nonexistent.sock' };

type Message = { role: string; content: { type: string; text?: string } };
const textOf = (messages: Message[]) => messages.map((m) => m.content.text ?? '').join('\n');

describe('berth-mcp prompts (the built bin, no engine needed)', () => {
  it('lists diagnose_container and cleanup_host with their arguments', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    const { prompts } = await client.listPrompts();
    const byName = Object.fromEntries(prompts.map((p) => [p.name, p]));
    expect(byName.diagnose_container?.arguments).toEqual([
      expect.objectContaining({ name: 'container', required: true }),
      expect.objectContaining({ name: 'host', required: false }),
    ]);
    expect(byName.cleanup_host?.arguments).toEqual([
      expect.objectContaining({ name: 'host', required: false }),
    ]);
    expect(prompts.every((p) => p.title && p.description)).toBe(true);
  });

  it('diagnose_container names the container, the host and the tools to read with', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    const result = await client.getPrompt({
      name: 'diagnose_container',
      arguments: { container: 'web-1', host: 'local' },
    });
    const text = textOf(result.messages as Message[]);
    expect(result.messages[0]?.role).toBe('user');
    expect(text).toContain('Diagnose container "web-1" on host "local"');
    for (const action of ['info', 'logs', 'stats']) {
      expect(text).toContain(`\`read\` action \`${action}\` (id: "web-1", host: "local"`);
    }
    expect(text).toContain('berth://local/containers/web-1/logs');
    expect(text).toMatch(/change nothing unless I ask/);

    const byDefault = await client.getPrompt({ name: 'diagnose_container', arguments: { container: 'db' } });
    const plain = textOf(byDefault.messages as Message[]);
    expect(plain).toContain('on the default host');
    expect(plain).not.toContain('host: "');
  });

  it('cleanup_host walks through measure, preview, dry run and confirmation', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    const result = await client.getPrompt({ name: 'cleanup_host', arguments: { host: 'local' } });
    const text = textOf(result.messages as Message[]);
    const order = ['`read` action `df`', 'dry_run: true', 'Ask me to confirm', 'without dry_run'].map((s) =>
      text.indexOf(s),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('host: "local"');
    expect(text).toMatch(/Never pick aggressive unless I explicitly agree/);
  });

  it('with --read-only, cleanup_host points at no tool the server does not list', async () => {
    await using client = await binClient({ env: NO_DOCKER, args: ['--read-only'] });
    const listed = new Set((await client.listTools()).tools.map((t) => t.name));
    const result = await client.getPrompt({ name: 'cleanup_host', arguments: {} });
    const text = textOf(result.messages as Message[]);
    expect(text).toContain('no cleanup tool (read-only mode or toolsets)');
    expect(text).not.toContain('dry_run');
    for (const [, tool] of text.matchAll(/`([a-z_]+)` action/g)) expect(listed.has(tool ?? '')).toBe(true);
  });

  it('with --tools hosts, every prompt served still has a step with a tool the server lists', async () => {
    // Both prompts read engines: with only host_config served, a prompt listed anyway
    // would hand the agent an empty plan (or a preview it cannot make).
    await using client = await binClient({ env: NO_DOCKER, args: ['--tools', 'hosts'] });
    const listed = new Set((await client.listTools()).tools.map((t) => t.name));
    expect([...listed]).toEqual(['host_config']);
    const { prompts } = await client.listPrompts();
    for (const prompt of prompts) {
      const args: Record<string, string> = prompt.name === 'diagnose_container' ? { container: 'web' } : {};
      const text = textOf(
        (await client.getPrompt({ name: prompt.name, arguments: args })).messages as Message[],
      );
      const tools = [...text.matchAll(/`([a-z_]+)` action/g)].map(([, tool]) => tool ?? '');
      expect(
        tools.filter((tool) => listed.has(tool)),
        `${prompt.name}:\n${text}`,
      ).not.toEqual([]);
    }
  });

  it('refuses a missing container and hostile arguments with a clear error', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    const get = (args: Record<string, string>) =>
      client.getPrompt({ name: 'diagnose_container', arguments: args }).then(
        () => 'no error',
        (error: Error) => error.message,
      );
    expect(await get({})).toMatch(/Invalid arguments for prompt diagnose_container/);
    expect(await get({ container: '$(reboot)' })).toMatch(/id must be a name or id/);
    expect(await get({ container: 'web', host: 'a;b' })).toMatch(/host must be a profile name/);
    // Still answering after the refusals.
    const listed = await client.listPrompts();
    expect(listed.prompts.map((p) => p.name).sort()).toEqual([
      'cleanup_host',
      'deploy_stack',
      'diagnose_container',
    ]);
  });

  it('completes host from the profiles without an engine', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    const result = await client.complete({
      ref: { type: 'ref/prompt', name: 'cleanup_host' },
      argument: { name: 'host', value: 'lo' },
    });
    expect(result.completion.values).toEqual(['local']);
    // The engine is down: container completion offers nothing rather than failing.
    const containers = await client.complete({
      ref: { type: 'ref/prompt', name: 'diagnose_container' },
      argument: { name: 'container', value: 'we' },
    });
    expect(containers.completion.values).toEqual([]);
  });
});
