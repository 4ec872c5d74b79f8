import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, startContainer, waitUntil } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient } from './bin-client.js';

// MCP resources (resources/templates/list, completion/complete, resources/read); the read
// tool's volumes and networks are tested in resources.engine.test.ts.
const LOGS = 'berth://{host}/containers/{container}/logs';
const STATS = 'berth://{host}/containers/{container}/stats';

type Contents = { uri: string; mimeType?: string; text?: string }[];

engineSuite('berth-mcp MCP resources against the real engine', () => {
  let image: string;
  let dir: string;
  let config: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-resources-'));
    config = join(dir, 'berth.yaml');
    // Two profiles on the same engine, so host completion has something to choose from.
    await writeFile(config, 'profiles:\n  local:\n    type: local\n  staging:\n    type: local\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the templates, and one info resource per profile', async () => {
    await using client = await binClient({ args: ['--config', config] });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate).sort()).toEqual([
      'berth://{host}/containers/{container}/logs',
      'berth://{host}/containers/{container}/stats',
      'berth://{host}/info',
      'berth://{host}/stacks/{stack}/compose',
      'berth://{host}/stacks/{stack}/logs',
    ]);
    expect(resourceTemplates.every((t) => t.title && t.mimeType)).toBe(true);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(['berth://local/info', 'berth://staging/info']);
  });

  it('completes a partial host from the profiles and a partial container from that host', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient({ args: ['--config', config] });
    const host = await client.complete({
      ref: { type: 'ref/resource', uri: LOGS },
      argument: { name: 'host', value: 'sta' },
    });
    expect(host.completion.values).toEqual(['staging']);
    const prefix = web.name.slice(0, Math.max(3, web.name.length - 4));
    const container = await client.complete({
      ref: { type: 'ref/resource', uri: STATS },
      argument: { name: 'container', value: prefix },
      context: { arguments: { host: 'staging' } },
    });
    expect(container.completion.values).toContain(web.name);
    expect(container.completion.values.every((v) => v.toLowerCase().includes(prefix.toLowerCase()))).toBe(
      true,
    );
    const none = await client.complete({
      ref: { type: 'ref/resource', uri: LOGS },
      argument: { name: 'container', value: `${web.name}-no-such-suffix` },
    });
    expect(none.completion.values).toEqual([]);
  });

  it('reads the last log lines of a container, secrets masked', async () => {
    await using web = await startContainer({
      image,
      cmd: ['sh', '-c', 'echo hello-from-berth; echo "password=hunter2-secret" >&2; sleep 300'],
    });
    await waitUntil('both log lines', async () => (await web.logs()).stderr.includes('password'), {
      timeoutMs: 10_000,
    });
    await using client = await binClient();
    const uri = `berth://local/containers/${web.name}/logs`;
    const { contents } = await client.readResource({ uri });
    const [logs] = contents as Contents;
    expect(logs?.uri).toBe(uri);
    expect(logs?.mimeType).toBe('text/plain');
    expect(logs?.text).toContain('out| hello-from-berth');
    expect(logs?.text).toContain('err| password=');
    expect(logs?.text).not.toContain('hunter2-secret');
  });

  it('reads a stats sample and the host info as JSON', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient({ args: ['--config', config] });
    const statsUri = `berth://staging/containers/${web.name}/stats`;
    const [stats] = (await client.readResource({ uri: statsUri })).contents as Contents;
    expect(stats?.mimeType).toBe('application/json');
    const sample = JSON.parse(stats?.text ?? '{}') as Record<string, unknown>;
    expect(sample).toMatchObject({ host: 'staging', container: web.name });
    expect(typeof sample.cpuPercent).toBe('number');
    // The same figures as the read tool's stats row: "used / limit" as docker stats prints them.
    expect(sample.mem).toMatch(/^\d+(\.\d+)?(B|kB|MB|GB) \/ \d+(\.\d+)?(B|kB|MB|GB|TB)$/);
    expect(sample.net).toEqual(expect.any(String));
    expect(sample.pids).toBeGreaterThanOrEqual(1);

    const [info] = (await client.readResource({ uri: 'berth://local/info' })).contents as Contents;
    const parsed = JSON.parse(info?.text ?? '{}') as {
      host: Record<string, unknown>;
      engine: Record<string, unknown>;
    };
    expect(parsed.host).toMatchObject({ name: 'local', type: 'local', default: true, readOnly: false });
    expect(parsed.engine.api).toMatch(/^1\.\d+$/);
    expect(parsed.engine.containers).toEqual(expect.any(Number));
    expect(parsed.engine.memory).toMatch(/^\d+(\.\d+)?(MB|GB|TB)$/);
  });

  it('answers a wrong container, host or name with one clear line naming what is close', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient({ args: ['--config', config] });
    const read = (uri: string) =>
      client.readResource({ uri }).then(
        () => 'no error',
        (error: Error) => error.message,
      );
    const typo = await read(`berth://local/containers/${web.name}x/logs`);
    expect(typo).toMatch(new RegExp(`no container '${web.name}x'; did you mean ${web.name}`));
    expect(typo).not.toMatch(/\n\s+at /);
    expect(await read('berth://local/containers/no-such-container-here/stats')).toMatch(
      /no container 'no-such-container-here'/,
    );
    expect(await read('berth://stagin/info')).toMatch(/Unknown host 'stagin'; did you mean staging\?/);
    expect(await read('berth://local/containers/-rf/logs')).toMatch(/not starting with "-"/);
    // Still serving after the failures.
    const [ok] = (await client.readResource({ uri: 'berth://local/info' })).contents as Contents;
    expect(ok?.text).toContain('"engine"');
  });
});
