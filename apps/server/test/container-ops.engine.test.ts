import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, startContainer } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';

engineSuite('container_ops against the real engine', () => {
  let image: string;
  let dir: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-ops-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stops and starts a container and writes both calls to the audit log', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    const audit = join(dir, 'audit.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    const stop = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'stop', id: web.name, timeout: 0 },
    });
    expect(stop.isError).toBeFalsy();
    expect((await web.container.inspect()).State.Running).toBe(false);
    const start = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'start', id: web.name },
    });
    expect(start.isError).toBeFalsy();
    expect((await web.container.inspect()).State.Running).toBe(true);
    const lines = (await readFile(audit, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map(({ time: _t, ...rest }) => rest)).toEqual([
      { host: 'local', tool: 'container_ops', action: 'stop', target: web.name, outcome: 'ok' },
      { host: 'local', tool: 'container_ops', action: 'start', target: web.name, outcome: 'ok' },
    ]);
    expect(Number.isNaN(Date.parse(lines[0].time))).toBe(false);
  });

  it('pauses, unpauses, restarts and kills, checked against the engine', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient({ args: ['--audit-log', join(dir, 'lifecycle.jsonl')] });
    const op = async (action: string, extra: Record<string, unknown> = {}) => {
      const result = await client.callTool({
        name: 'container_ops',
        arguments: { action, id: web.name, ...extra },
      });
      expect(result.isError, textOf(result)).toBeFalsy();
      return (await web.container.inspect()).State;
    };
    expect((await op('pause')).Paused).toBe(true);
    expect((await op('unpause')).Paused).toBe(false);
    const before = (await web.container.inspect()).State.StartedAt;
    const restarted = await op('restart', { timeout: 0 });
    expect(restarted.Running).toBe(true);
    expect(restarted.StartedAt).not.toBe(before);
    const killed = await op('kill', { signal: 'SIGKILL' });
    expect(killed.Running).toBe(false);
    expect(killed.ExitCode).toBe(137);

    const bad = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'kill', id: web.name, signal: '$(reboot)' },
    });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/signal/);
  });

  it('audits failures and names close containers', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    const audit = join(dir, 'audit-fail.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    const result = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'restart', id: `${web.name}x` },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(new RegExp(`did you mean ${web.name}`));
    const [line] = (await readFile(audit, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(line).toMatchObject({ action: 'restart', outcome: 'error:NOT_FOUND' });
  });

  it('refuses mutating calls on a read-only profile, and does not list them with --read-only', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    const config = join(dir, 'berth.yaml');
    await writeFile(config, 'profiles:\n  local:\n    type: local\n    readOnly: true\n');
    await using client = await binClient({ args: ['--config', config] });
    const result = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'stop', id: web.name },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^Host 'local' is read-only/);
    expect((await web.container.inspect()).State.Running).toBe(true);
    const read = await client.callTool({ name: 'resources', arguments: { action: 'info', id: web.name } });
    expect(read.isError).toBeFalsy();

    await using readOnly = await binClient({ args: ['--read-only'] });
    const names = (await readOnly.listTools()).tools.map((t) => t.name);
    expect(names).not.toContain('container_ops');
    const refused = await readOnly
      .callTool({ name: 'container_ops', arguments: { action: 'stop', id: web.name } })
      .then(
        (r) => r.isError === true,
        () => true,
      );
    expect(refused).toBe(true);
    expect((await web.container.inspect()).State.Running).toBe(true);
  });
});
