import {
  busyboxImage,
  dockerClient,
  engineSuite,
  ensureImage,
  runCommand,
  startContainer,
  testLabels,
} from '@berth/testkit';
import { beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';

type Rows = { rows: Record<string, unknown>[]; errors?: unknown[]; next?: string; note?: string };
const rows = (result: { structuredContent?: unknown }) => (result.structuredContent as Rows).rows;

engineSuite('read hosts, test, ports, events and cleanup preview', () => {
  let image: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
  });

  it('hosts lists profiles without touching the engine; test names the failing host', async () => {
    await using client = await binClient({ env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' } });
    const hosts = await client.callTool({ name: 'read', arguments: { action: 'hosts' } });
    expect(rows(hosts)).toEqual([
      { host: 'local', type: 'local', default: true, readOnly: false, confirm: true },
    ]);
    const test = await client.callTool({ name: 'read', arguments: { action: 'test' } });
    expect(test.isError).toBe(true);
    expect(textOf(test)).toMatch(/^local: .*socket does not exist.*; check that the engine runs/);
    expect(textOf(test)).not.toContain('\n');
  });

  it('ports lists published ports and the conflict of a created container on a taken port', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'], ports: [80] });
    const port = web.hostPort(80);
    // Created, not started: it would take the same 127.0.0.1 port when started.
    const clash = await dockerClient().createContainer({
      Image: image,
      Cmd: ['sleep', '300'],
      Labels: testLabels(),
      ExposedPorts: { '80/tcp': {} },
      HostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
    });
    try {
      const clashName = (await clash.inspect()).Name.replace(/^\//, '');
      await using client = await binClient();
      const list = await client.callTool({ name: 'read', arguments: { action: 'ports' } });
      expect(list.isError).toBeFalsy();
      // As `docker ps` prints a binding; the created container would clash when started.
      const mine = rows(list).filter((r) => r.port === port);
      expect(mine).toEqual(
        expect.arrayContaining([
          {
            port,
            binding: `127.0.0.1:${port}->80/tcp`,
            container: web.name,
            state: 'running',
            conflict: clashName,
          },
          {
            port,
            binding: `127.0.0.1:${port}->80/tcp`,
            container: clashName,
            state: 'created',
            conflict: web.name,
          },
        ]),
      );
      expect(mine).toHaveLength(2);
      const taken = await client.callTool({ name: 'read', arguments: { action: 'ports', port } });
      expect(rows(taken)).toEqual([
        { port, free: false, usedBy: expect.stringContaining(`${web.name} (running)`) },
      ]);
      expect(String(rows(taken)[0]?.usedBy)).toContain(`${clashName} (created)`);
      const free = await client.callTool({ name: 'read', arguments: { action: 'ports', port: 1 } });
      expect(rows(free)).toEqual([{ port: 1, free: true }]);
      const bad = await client.callTool({ name: 'read', arguments: { action: 'ports', port: 70000 } });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toMatch(/^Invalid arguments: port/);
    } finally {
      await clash.remove({ force: true });
    }
  });

  it('events returns recent events of one container, bounded, newest first', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await web.container.pause();
    await web.container.unpause();
    await using client = await binClient();
    // By id: exactly one container, whatever its name.
    const events = await client.callTool({
      name: 'read',
      arguments: { action: 'events', since: '5m', type: 'container', container: web.id },
    });
    expect(events.isError).toBeFalsy();
    const actions = rows(events).map((r) => r.action);
    // What the engine replays for the same window, read after berth's answer. `--until` takes
    // whole seconds when relative, and "0s" would end before this second's events.
    const replay = await runCommand(
      [
        'docker',
        'events',
        '--since',
        '5m',
        '--until',
        ((Date.now() + 1000) / 1000).toFixed(3),
        '--filter',
        `container=${web.id}`,
        '--format',
        '{{.Action}}',
      ],
      { timeoutMs: 30_000 },
    );
    const engine = replay.stdout.trim().split('\n');
    // What the engine recorded up to berth's read, newest first, and nothing of other
    // containers (the replay may hold events that came in after it).
    expect(actions, `engine, oldest first: ${engine.join(',')}`).toEqual(
      engine.slice(0, actions.length).reverse(),
    );
    // Unpause, pause, start, create. In one CI run Docker 20.10 recorded the pause and unpause
    // twice, in its own replay too: the late runtime event that the engine README describes
    // sets its record back to paused after the unpause, and the next one resumes it.
    expect(actions.join(','), `engine, oldest first: ${engine.join(',')}`).toMatch(
      /^(unpause,pause,)+start,create$/,
    );
    expect(new Set(rows(events).map((r) => r.actor))).toEqual(new Set([web.name]));
    expect(rows(events)[0]).toEqual({
      time: expect.any(String),
      type: 'container',
      action: 'unpause',
      actor: web.name,
    });

    // A container that ends gives its exit code as a number.
    await web.container.kill();
    await web.container.wait();
    const died = await client.callTool({
      name: 'read',
      arguments: { action: 'events', since: '5m', type: 'container', container: web.id },
    });
    expect(rows(died).find((r) => r.action === 'die')).toMatchObject({ exitCode: 137 });

    const bad = await client.callTool({ name: 'read', arguments: { action: 'events', since: '$(id)' } });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/^Invalid arguments: since: "\$\(id\)" is not a time: give a duration ago/);
    const badType = await client.callTool({ name: 'read', arguments: { action: 'events', type: 'x;y' } });
    expect(badType.isError).toBe(true);
    expect(textOf(badType)).toMatch(/^Invalid arguments: type: /);
    const backwards = await client.callTool({
      name: 'read',
      arguments: { action: 'events', since: '1m', until: '5m' },
    });
    expect(textOf(backwards)).toMatch(/since \(.*\) must be before until/);
  });

  it('cleanup previews the three levels, each at least the one before, and changes nothing', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const check = await client.callTool({ name: 'read', arguments: { action: 'cleanup' } });
    expect(check.isError).toBeFalsy();
    const [safe, moderate, aggressive] = rows(check);
    expect([safe?.level, moderate?.level, aggressive?.level]).toEqual(['safe', 'moderate', 'aggressive']);
    expect(Number(moderate?.images)).toBeGreaterThanOrEqual(Number(safe?.images));
    expect(Number(aggressive?.volumes)).toBeGreaterThanOrEqual(Number(moderate?.volumes));
    expect(safe?.volumes).toBe(0);
    expect(moderate?.volumes).toBe(0);
    for (const row of [safe, moderate, aggressive]) {
      expect(row?.size).toMatch(/^\d+(\.\d+)?(B|kB|MB|GB|TB)$/);
      expect(row?.action).toBe(`remove cleanup_${row?.level}`);
      expect(typeof row?.names).toBe('string');
    }
    expect((await web.container.inspect()).State.Running).toBe(true);
    const wrong = await client.callTool({ name: 'read', arguments: { action: 'cleanup', level: 'safe' } });
    expect(wrong.isError).toBe(true);
    expect(textOf(wrong)).toMatch(/'level' does not apply to action cleanup/);
  });
});
