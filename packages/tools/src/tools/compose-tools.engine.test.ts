import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, runCommand, testLabels, testRunId } from '@berth/testkit';
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BERTH_TOOLS } from '../berth-tools.js';
import { LIBRARY_CALLER } from '../framework/caller.js';
import { createToolContext } from '../framework/create-tool-context.js';
import { runTool } from '../framework/runner.js';
import type { ToolContext } from '../framework/tool-context.js';
import type { ToolOutput } from '../framework/tool-output.js';
import { registerPrompts } from '../prompts/register-prompts.js';
import { registerResources } from '../resources/register-resources.js';

/** The text of a resource's first contents (a blob has none). */
const textOf = (contents: ReadonlyArray<{ text?: string } | { blob: string }>) => {
  const first = contents[0];
  return first && 'text' in first ? String(first.text) : '';
};

/*
 * The compose toolset through the runner, on the local engine with the real docker-compose
 * (v1 here; the driver's own tests cover v2 on the trixie host). One stack is deployed once
 * and read, stopped, started and taken down by the cases in order, as an agent would.
 */
engineSuite('compose tools through the runner', () => {
  const stack = `berthct${testRunId()
    .replace(/[^a-z0-9]/g, '')
    .slice(-10)}`;
  const secret = `sekrit-${testRunId().replace(/[^a-z0-9]/g, '')}`;
  let root: string;
  let context: ToolContext;
  let image: string;
  const progress: string[] = [];

  const call = (tool: string, args: Record<string, unknown>) =>
    runTool(context, tool, args, {
      caller: LIBRARY_CALLER,
      progress: async (_done, _total, message) => void progress.push(message ?? ''),
    });
  const ok = async (tool: string, args: Record<string, unknown>): Promise<ToolOutput> => {
    const result = await call(tool, args);
    if (result.kind !== 'ok') throw new Error(`${tool} ${String(args.action)}: ${JSON.stringify(result)}`);
    return result.output;
  };
  const volumeExists = async (name: string) =>
    (await runCommand(['docker', 'volume', 'inspect', name], { timeoutMs: 30_000, check: false }))
      .exitCode === 0;

  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    root = mkdtempSync(join(tmpdir(), 'berth-compose-tools-'));
    const config = join(root, 'berth.yaml');
    writeFileSync(
      config,
      JSON.stringify({ profiles: { local: { type: 'local', composePaths: [join(root, 'stacks')] } } }),
    );
    context = createToolContext({
      tools: BERTH_TOOLS,
      auditLog: false,
      configPath: config,
      env: { ...process.env },
    });
  });

  afterAll(async () => {
    await runCommand(['docker-compose', '-p', stack, 'down', '-v', '--timeout', '1'], {
      cwd: join(root, 'stacks', stack),
      timeoutMs: 120_000,
      check: false,
    });
    await context?.dispose();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('deploys a stack with progress, and reads it back with its secret masked everywhere', async () => {
    // JSON is YAML: the compose file needs no YAML writer.
    const compose = JSON.stringify({
      services: {
        db: {
          image,
          command: ['sh', '-c', 'echo "password is $$DB_PASSWORD"; sleep 300'],
          // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolates it from the stack's .env.
          environment: { DB_PASSWORD: '${DB_PASSWORD}', POSTGRES_USER: 'app' },
          volumes: ['data:/data'],
          labels: testLabels(),
        },
      },
      volumes: { data: { labels: testLabels() } },
      networks: { default: { labels: testLabels() } },
    });
    const deployed = await ok('compose_ops', {
      action: 'deploy',
      stack,
      compose,
      env: { DB_PASSWORD: secret },
      pull: false,
    });
    expect(deployed.rows).toEqual([
      { stack, service: 'db', state: 'running', health: 'none' },
      { stack, state: 'wrote compose.yaml, .env', dir: join(root, 'stacks', stack) },
    ]);
    expect(progress.length).toBeGreaterThan(0);

    const ls = await ok('compose_read', { action: 'ls' });
    expect(ls.rows.find((r) => r.stack === stack)).toMatchObject({
      dir: join(root, 'stacks', stack),
      services: 'db',
      containers: '1/1 running',
    });

    const config = await ok('compose_read', { action: 'config', stack });
    expect(config.rows[0]).toMatchObject({ stack, dir: join(root, 'stacks', stack) });
    const discovered = await ok('compose_read', { action: 'discover', dir: join(root, 'stacks', stack) });
    expect(discovered.rows).toEqual([
      expect.objectContaining({ service: 'db', kind: 'postgres', volumes: 'data:/data' }),
    ]);

    const logs = await ok('compose_read', { action: 'logs', stack, tail: 10 });
    expect(logs.rows.some((r) => String(r.line).includes('password is'))).toBe(true);
    for (const answer of [config, logs, ls, deployed]) expect(JSON.stringify(answer)).not.toContain(secret);
    expect(progress.join('\n')).not.toContain(secret);
  });

  it('stops and starts the stack, and names close stacks for a wrong name', async () => {
    expect((await ok('compose_ops', { action: 'stop', stack, grace: 1 })).rows).toEqual([
      { stack, state: 'stopped' },
    ]);
    const ps = await ok('compose_read', { action: 'ps', stack });
    expect(ps.rows.map((r) => r.state)).toEqual(['exited']);
    await ok('compose_ops', { action: 'start', stack });
    expect((await ok('compose_read', { action: 'ps', stack })).rows.map((r) => r.state)).toEqual(['running']);

    const wrong = await call('compose_read', { action: 'ps', stack: `${stack}x` });
    expect(wrong).toMatchObject({ kind: 'error', error: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(wrong)).toContain(`did you mean ${stack}`);
  });

  it("serves the stack's resolved file and logs as MCP resources, completes the stack, and offers deploy_stack", async () => {
    const server = new McpServer({ name: 'berth-test', version: '0' }, { capabilities: {} });
    registerResources(server, context);
    registerPrompts(server, context);
    const client = new Client({ name: 'test', version: '0' });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    await client.connect(clientSide);
    try {
      const templates = (await client.listResourceTemplates()).resourceTemplates.map((t) => t.uriTemplate);
      expect(templates).toEqual(
        expect.arrayContaining([
          'berth://{host}/stacks/{stack}/compose',
          'berth://{host}/stacks/{stack}/logs',
        ]),
      );
      const file = await client.readResource({ uri: `berth://local/stacks/${stack}/compose` });
      const body = JSON.parse(textOf(file.contents)) as {
        stack: string;
        model: { services: object };
      };
      expect(body.stack).toBe(stack);
      expect(Object.keys(body.model.services)).toEqual(['db']);
      const logs = await client.readResource({ uri: `berth://local/stacks/${stack}/logs` });
      expect(textOf(logs.contents)).toContain('password is');
      expect(JSON.stringify([file, logs])).not.toContain(secret);

      const bad = await client
        .readResource({ uri: 'berth://local/stacks/Bad%20Name/compose' })
        .catch((e: Error) => e);
      expect(String(bad)).toMatch(/Bad stack in URI/);

      const completion = await client.complete({
        ref: { type: 'ref/resource', uri: 'berth://{host}/stacks/{stack}/logs' },
        argument: { name: 'stack', value: stack.slice(0, -2) },
        context: { arguments: { host: 'local' } },
      });
      expect(completion.completion.values).toContain(stack);

      const prompt = await client.getPrompt({ name: 'deploy_stack', arguments: { stack, host: 'local' } });
      const text = JSON.stringify(prompt.messages);
      expect(text).toContain('`compose_ops` action `deploy`');
      expect(text).toContain(`stack: \\"${stack}\\"`);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('takes the stack down only as planned: the string "false" is refused, volumes go only on a real true', async () => {
    const refused = await call('compose_remove', { action: 'down', stack, volumes: 'false' });
    expect(refused).toMatchObject({ kind: 'error', error: { code: 'INVALID' } });
    const volume = `${stack}_data`;
    expect(await volumeExists(volume)).toBe(true);

    const plan = await ok('compose_remove', { action: 'down', stack, volumes: true, dry_run: true });
    expect(plan.rows.map((r) => `${r.kind} ${r.name}`)).toEqual(
      expect.arrayContaining([`container ${stack}_db_1`, `network ${stack}_default`, `volume ${volume}`]),
    );
    expect(plan.rows).toContainEqual({ kind: 'volume', name: volume, note: 'deleted with its data' });

    // Without volumes: true the plan and the answer say the volume stays.
    const keep = await ok('compose_remove', { action: 'down', stack });
    expect(keep.rows).toContainEqual({
      kind: 'volume',
      name: volume,
      note: 'kept with its data (volumes: true deletes it)',
    });
    expect(keep.confirm_token).toBeDefined();
    const kept = await ok('compose_remove', { action: 'down', stack, confirm_token: keep.confirm_token });
    expect(kept.rows).toEqual(
      expect.arrayContaining([
        { kind: 'container', name: `${stack}_db_1`, result: 'removed' },
        { kind: 'network', name: `${stack}_default`, result: 'removed' },
        { kind: 'volume', name: volume, result: 'kept' },
      ]),
    );
    expect(await volumeExists(volume)).toBe(true);

    const rest = await ok('compose_remove', { action: 'down', stack, volumes: true });
    expect(rest.rows).toEqual([{ kind: 'volume', name: volume, note: 'deleted with its data' }]);
    const done = await ok('compose_remove', {
      action: 'down',
      stack,
      volumes: true,
      confirm_token: rest.confirm_token,
    });
    expect(done.rows).toEqual([{ kind: 'volume', name: volume, result: 'removed' }]);
    expect(await volumeExists(volume)).toBe(false);
    const after = await runCommand(
      ['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${stack}`],
      {
        timeoutMs: 30_000,
      },
    );
    expect(after.stdout.trim()).toBe('');
  });
});
