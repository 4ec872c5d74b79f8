import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendToolSource } from '@berth/provisioning';
import { McpServer } from '@modelcontextprotocol/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseGatewayOptions } from '../src/cli-options.js';
import { createGatewayParts, type RunningGateway, startHttpGateway } from '../src/start-gateway.js';
import { BERTH_TOOL_NAMES, CLIENT_NAME, gatewayClient, TEST_TOKEN } from './gateway-process.js';
import { type InMemoryBackend, inMemoryBackend } from './in-memory-backend.js';

const SECRET = 'ghp_0123456789abcdefghijABCDEFGHIJ012345';
const BERTH = BERTH_TOOL_NAMES;

/** A real MCP server whose tools answer `<server>:<tool>`; `files` has one that leaks a token. */
function testServer(name: string, tools: string[]) {
  const server = new McpServer({ name, version: '0' }, { capabilities: { tools: { listChanged: true } } });
  const add = (tool: string) =>
    server.registerTool(
      tool,
      { description: `${name} ${tool}`, inputSchema: z.object({ q: z.string().optional() }) },
      async () => ({
        content: [{ type: 'text', text: tool === 'leak' ? `GITHUB_TOKEN=${SECRET}` : `${name}:${tool}` }],
      }),
    );
  for (const tool of tools) add(tool);
  if (name === 'files') {
    // One prompt of its own, one whose name berth has, and a resource holding a secret.
    for (const prompt of ['summarize', 'cleanup_host']) {
      server.registerPrompt(prompt, { description: `${name} ${prompt}` }, async () => ({
        messages: [{ role: 'user', content: { type: 'text', text: `${name}:${prompt}` } }],
      }));
    }
    server.registerResource('config', 'test://files/config', { mimeType: 'text/plain' }, async (uri) => ({
      contents: [{ uri: uri.href, text: `password: hunter22 and ${SECRET}` }],
    }));
  }
  return { server, add };
}

describe('the gateway aggregates real MCP servers over HTTP', () => {
  let home: string;
  let files: ReturnType<typeof testServer>;
  const started: RunningGateway[] = [];

  async function gateway(backends: InMemoryBackend[]) {
    const cli = parseGatewayOptions([
      '--listen',
      '127.0.0.1:0',
      '--tool-cache',
      join(home, 'tools.json'),
      '--audit-log',
      join(home, 'audit.jsonl'),
    ]);
    const logger = pino({ level: 'silent' });
    const env = { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config') };
    const parts = createGatewayParts({
      cli,
      logger,
      env,
      sources: backends.map((b) => backendToolSource(b)),
    });
    const running = await startHttpGateway(parts, cli, logger, TEST_TOKEN);
    started.push(running);
    return running;
  }

  const backends = () => {
    files = testServer('files', ['search', 'leak']);
    return [
      inMemoryBackend('git', () => testServer('git', ['status', 'search', 'read']).server),
      inMemoryBackend('files', () => files.server),
    ];
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'berth-gateway-aggregate-'));
  });
  afterAll(async () => {
    await Promise.all(started.map((g) => g.close()));
    await rm(home, { recursive: true, force: true });
  });

  it('lists every server beside berth, namespaces collisions, routes, masks and audits each call', async () => {
    const running = await gateway(backends());
    await using client = await gatewayClient(running.url, 'modern');
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual([...BERTH, 'status', 'git__search', 'git__read', 'files__search', 'leak']);
    const text = async (name: string) => {
      const result = await client.callTool({ name, arguments: { q: 'x' } });
      return (result.content as { text: string }[])[0]?.text;
    };
    expect(await text('status')).toBe('git:status');
    expect(await text('git__search')).toBe('git:search');
    expect(await text('files__search')).toBe('files:search');
    expect(await text('git__read')).toBe('git:read');
    const leaked = await text('leak');
    expect(leaked).toContain('GITHUB_TOKEN=');
    expect(leaked).not.toContain(SECRET);
    const audit = (await readFile(join(home, 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit).toContainEqual(
      expect.objectContaining({
        via: 'gateway',
        caller: `token/${CLIENT_NAME}`,
        host: 'mcp:files',
        tool: 'leak',
        outcome: 'ok',
      }),
    );
    expect(audit.filter((l) => l.outcome === 'started')).toHaveLength(5);
  });

  it("merges prompts and resources with berth's own, namespacing a prompt name berth has, and masks their text", async () => {
    const running = started[0] as RunningGateway;
    await using client = await gatewayClient(running.url, 'modern');
    const prompts = (await client.listPrompts()).prompts.map((p) => p.name);
    // berth's own first, under their names; the server's after, its clash namespaced.
    expect(prompts).toContain('diagnose_container');
    expect(prompts.filter((p) => p === 'cleanup_host')).toHaveLength(1);
    expect(prompts.indexOf('cleanup_host')).toBeLessThan(prompts.indexOf('summarize'));
    expect(prompts.slice(-2)).toEqual(['summarize', 'files__cleanup_host']);
    const summary = await client.getPrompt({ name: 'summarize', arguments: {} });
    expect(summary.messages[0]?.content).toEqual({ type: 'text', text: 'files:summarize' });
    const theirs = await client.getPrompt({ name: 'files__cleanup_host', arguments: {} });
    expect(theirs.messages[0]?.content).toEqual({ type: 'text', text: 'files:cleanup_host' });
    const ours = await client.getPrompt({ name: 'cleanup_host', arguments: {} });
    expect(JSON.stringify(ours.messages)).toContain('remove');
    const resources = (await client.listResources()).resources.map((r) => r.uri);
    expect(resources).toContain('test://files/config');
    const config = await client.readResource({ uri: 'test://files/config' });
    const text = (config.contents[0] as { text: string }).text;
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain(SECRET);
    await expect(client.getPrompt({ name: 'no_such_prompt', arguments: {} })).rejects.toThrow();
    const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
    expect(templates).toContain('berth://{host}/info');
  });

  it("forwards a server's list change to connected clients of both eras", async () => {
    const running = started[0] as RunningGateway;
    let heard: (era: string) => void = () => {};
    const both = new Promise<string[]>((resolve) => {
      const eras: string[] = [];
      heard = (era) => {
        eras.push(era);
        if (eras.length === 2) resolve(eras.sort());
      };
    });
    await using legacy = await gatewayClient(running.url, 'legacy', TEST_TOKEN, {
      onToolsChanged: () => heard('legacy'),
    });
    await using modern = await gatewayClient(running.url, 'modern', TEST_TOKEN, {
      onToolsChanged: () => heard('modern'),
    });
    await legacy.listTools();
    await modern.listTools();
    files.add('stat');
    expect(await both).toEqual(['legacy', 'modern']);
    expect((await modern.listTools()).tools.map((t) => t.name)).toContain('stat');
  });

  it('answers tools/list from the disk cache on a new gateway without starting a server, which starts on the first call', async () => {
    const fresh = backends();
    const running = await gateway(fresh);
    await using client = await gatewayClient(running.url, 'modern');
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toContain('stat');
    expect(names).toContain('files__search');
    expect(fresh.map((b) => [b.started, b.listCalls])).toEqual([
      [false, 0],
      [false, 0],
    ]);
    const result = await client.callTool({ name: 'status', arguments: {} });
    expect((result.content as { text: string }[])[0]?.text).toBe('git:status');
    expect(fresh[0]?.started).toBe(true);
    expect(fresh[1]?.started).toBe(false);
  });
});
