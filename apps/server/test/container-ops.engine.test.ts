import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, startContainer, waitUntil } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import { auditEntry, auditLines } from './resources-fixtures.js';

// PID 1 of a container ignores SIGTERM unless it traps it. This one takes 3 s to shut down on
// SIGTERM and then exits 7: the engine sends SIGTERM even with grace 0, and SIGKILL right
// after it, so only a trap that outlasts that moment tells the two apart.
const TRAPS_TERM = ['sh', '-c', 'trap "sleep 3; exit 7" TERM; while :; do sleep 0.1; done'];

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
      arguments: { action: 'stop', id: web.name, grace: 0 },
    });
    expect(stop.isError).toBeFalsy();
    expect(stop.structuredContent).toEqual({ rows: [{ id: web.name, state: 'exited', grace: 0 }] });
    expect((await web.container.inspect()).State.Running).toBe(false);
    const start = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'start', id: web.name },
    });
    expect(start.isError).toBeFalsy();
    expect((await web.container.inspect()).State.Running).toBe(true);
    expect(await auditLines(audit)).toEqual([
      auditEntry('container_ops', 'stop', web.name, 'started'),
      auditEntry('container_ops', 'stop', web.name, 'ok'),
      auditEntry('container_ops', 'start', web.name, 'started'),
      auditEntry('container_ops', 'start', web.name, 'ok'),
    ]);
  });

  it('stop and restart honour grace: SIGTERM first, SIGKILL only after it', async () => {
    await using patient = await startContainer({ image, cmd: TRAPS_TERM });
    await using client = await binClient();
    const state = async () => (await patient.container.inspect()).State;
    // With time to react, the trap ends its work (exit 7); with grace 0 the engine kills it
    // in the middle of it (137).
    const graceful = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'stop', id: patient.name, grace: 30 },
    });
    expect(graceful.isError, textOf(graceful)).toBeFalsy();
    expect(await state()).toMatchObject({ Running: false, ExitCode: 7 });
    await patient.container.start();
    await waitUntil('the trap to be set', async () => (await patient.exec(['ps'])).stdout.includes('sleep'), {
      timeoutMs: 10_000,
    });
    const before = (await state()).StartedAt;
    const restart = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'restart', id: patient.name, grace: 0 },
    });
    expect(restart.isError, textOf(restart)).toBeFalsy();
    expect(await state()).toMatchObject({ Running: true });
    expect((await state()).StartedAt).not.toBe(before);
    const killed = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'stop', id: patient.name, grace: 0 },
    });
    expect(killed.isError).toBeFalsy();
    expect(await state()).toMatchObject({ Running: false, ExitCode: 137 });
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
    const restarted = await op('restart', { grace: 0 });
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
    expect(textOf(bad)).toMatch(/^Invalid arguments: signal: signal: a name like SIGHUP, or a number/);
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
    expect(textOf(result)).toMatch(
      new RegExp(`^local: no container '${web.name}x'; did you mean ${web.name}`),
    );
    expect(await auditLines(audit)).toEqual([
      auditEntry('container_ops', 'restart', `${web.name}x`, 'started'),
      auditEntry('container_ops', 'restart', `${web.name}x`, 'error:NOT_FOUND'),
    ]);
  });

  it('refuses mutating calls on a read-only profile, and does not list them with --read-only', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    const config = join(dir, 'berth.yaml');
    const audit = join(dir, 'audit-readonly.jsonl');
    await writeFile(config, 'profiles:\n  local:\n    type: local\n    readOnly: true\n');
    await using client = await binClient({ args: ['--config', config, '--audit-log', audit] });
    const result = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'stop', id: web.name },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Host 'local' is read-only \(its profile sets readOnly\); stop is refused/,
    );
    expect((await web.container.inspect()).State.Running).toBe(true);
    expect(await auditLines(audit)).toEqual([
      auditEntry('container_ops', 'stop', web.name, 'refused:READ_ONLY'),
    ]);
    const read = await client.callTool({ name: 'read', arguments: { action: 'info', id: web.name } });
    expect(read.isError).toBeFalsy();

    await using readOnly = await binClient({ args: ['--read-only'] });
    const names = (await readOnly.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(['read', 'compose_read', 'db_read']);
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
