import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, runCommand, startContainer } from '@berth/testkit';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import {
  auditEntry,
  auditLines,
  containerExists,
  imageExists,
  testNetwork,
  testVolume,
  uniqueName,
  volumeExists,
} from './resources-fixtures.js';

type Out = { rows: Record<string, unknown>[]; note?: string; confirm_token?: string };
const outOf = (result: { structuredContent?: unknown }) => result.structuredContent as Out;
const DRY = expect.stringMatching(/^Dry run: nothing was changed\./);
const TOKEN = expect.stringMatching(/^\d+\.[A-Za-z0-9_-]{43}$/);

/**
 * A removal as an agent without elicitation makes it: the call answers with the plan and a
 * token and changes nothing; the same call with the token does the plan.
 */
async function confirmed(client: Client, args: Record<string, unknown>): Promise<Out> {
  const planned = await client.callTool({ name: 'remove', arguments: args });
  expect(planned.isError, textOf(planned)).toBeFalsy();
  const token = outOf(planned).confirm_token;
  expect(token, textOf(planned)).toEqual(TOKEN);
  const done = await client.callTool({ name: 'remove', arguments: { ...args, confirm_token: token } });
  expect(done.isError, textOf(done)).toBeFalsy();
  return outOf(done);
}

engineSuite('remove and prune: plans, strict booleans, not found, audit', () => {
  let image: string;
  let dir: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-remove-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A running container with one anonymous volume (what `volumes: true` removes). */
  async function withAnonymousVolume() {
    const c = await startContainer({
      image,
      cmd: ['sleep', '300'],
      // An empty source: the engine makes an anonymous volume.
      hostConfig: { Mounts: [{ Type: 'volume', Source: '', Target: '/data' }] },
    });
    const info = await c.container.inspect();
    const anon = info.Mounts.find((m) => m.Destination === '/data')?.Name ?? '';
    expect(anon).toMatch(/^[0-9a-f]{64}$/);
    return { c, anon };
  }

  it('dry_run returns the exact plan for each kind and changes nothing', async () => {
    const { c, anon } = await withAnonymousVolume();
    await using _c = c;
    await using volume = await testVolume();
    await using network = await testNetwork();
    await using client = await binClient();
    const dry = (args: Record<string, unknown>) =>
      client.callTool({ name: 'remove', arguments: { action: 'remove', dry_run: true, ...args } });

    const container = await dry({ kind: 'container', id: c.name, volumes: true });
    expect(container.structuredContent).toEqual({
      rows: [
        {
          kind: 'container',
          id: c.id.slice(0, 12),
          name: c.name,
          note: 'running: stop it first or pass force',
        },
        { kind: 'volume', id: anon.slice(0, 12), name: anon, note: 'anonymous, with the container' },
      ],
      note: DRY,
      confirm_token: TOKEN,
    });
    expect((await dry({ kind: 'volume', id: volume.name })).structuredContent).toEqual({
      rows: [{ kind: 'volume', id: volume.name, name: volume.name }],
      note: DRY,
      confirm_token: TOKEN,
    });
    expect(outOf(await dry({ kind: 'network', id: network.name })).rows).toEqual([
      { kind: 'network', id: expect.stringMatching(/^[0-9a-f]{12}$/), name: network.name },
    ]);
    const tag = `berth-test/${uniqueName('dry')}:1`;
    await runCommand(['docker', 'tag', image, tag], { timeoutMs: 30_000 });
    try {
      // One of two names of an image: only that name goes.
      expect(outOf(await dry({ kind: 'image', id: tag })).rows).toEqual([
        {
          kind: 'tag',
          id: expect.any(String),
          name: tag,
          note: expect.stringMatching(/^image keeps 1 other/),
        },
      ]);
      expect(await imageExists(tag)).toBe(true);
    } finally {
      await runCommand(['docker', 'image', 'rm', tag], { timeoutMs: 30_000, check: false });
    }
    expect(await containerExists(c.id)).toBe(true);
    expect(await volumeExists(anon)).toBe(true);
    expect(await volume.exists()).toBe(true);
    expect(await network.exists()).toBe(true);
  });

  it('{"volumes": "false"} is refused and removes nothing; volumes:true removes the anonymous volume', async () => {
    const { c, anon } = await withAnonymousVolume();
    await using _c = c;
    const audit = join(dir, 'volumes.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    const hostile = await client.callTool({
      name: 'remove',
      arguments: { action: 'remove', kind: 'container', id: c.name, force: true, volumes: 'false' },
    });
    expect(hostile.isError).toBe(true);
    expect(textOf(hostile)).toMatch(/^Invalid arguments: volumes: /);
    expect(await containerExists(c.id)).toBe(true);
    expect(await volumeExists(anon)).toBe(true);

    const keep = await confirmed(client, {
      action: 'remove',
      kind: 'container',
      id: c.name,
      force: true,
      volumes: false,
    });
    expect(keep.rows).toEqual([
      expect.objectContaining({ kind: 'container', name: c.name, result: 'removed' }),
    ]);
    expect(await containerExists(c.id)).toBe(false);
    expect(await volumeExists(anon)).toBe(true);
    await runCommand(['docker', 'volume', 'rm', anon], { timeoutMs: 30_000 });

    const second = await withAnonymousVolume();
    await using _second = second.c;
    const gone = await confirmed(client, {
      action: 'remove',
      kind: 'container',
      id: second.c.name,
      force: true,
      volumes: true,
    });
    expect(gone.rows.map((r) => [r.kind, r.result])).toEqual([
      ['container', 'removed'],
      ['volume', 'removed'],
    ]);
    expect(await containerExists(second.c.id)).toBe(false);
    expect(await volumeExists(second.anon)).toBe(false);
    // The refused call is written down too, before anything was planned.
    expect((await auditLines(audit)).map((l) => l.outcome)).toEqual([
      'refused:INVALID',
      'planned',
      'started',
      'ok',
      'planned',
      'started',
      'ok',
    ]);
  });

  it('removes a volume, a network and an image tag with their tokens, and audits each', async () => {
    await using volume = await testVolume();
    await using network = await testNetwork();
    const tag = `berth-test/${uniqueName('rm')}:1`;
    await runCommand(['docker', 'tag', image, tag], { timeoutMs: 30_000 });
    const audit = join(dir, 'plain.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    try {
      for (const [kind, id] of [
        ['volume', volume.name],
        ['network', network.name],
        ['image', tag],
      ] as const) {
        const done = await confirmed(client, { action: 'remove', kind, id });
        expect(done.rows).toEqual([
          expect.objectContaining({ kind: kind === 'image' ? 'tag' : kind, name: id, result: 'removed' }),
        ]);
      }
      expect(await volume.exists()).toBe(false);
      expect(await network.exists()).toBe(false);
      expect(await imageExists(tag)).toBe(false);
      expect(await imageExists(image)).toBe(true);
      expect(await auditLines(audit)).toEqual(
        [`volume ${volume.name}`, `network ${network.name}`, `image ${tag}`].flatMap((target) => [
          auditEntry('remove', 'remove', target, 'planned'),
          auditEntry('remove', 'remove', target, 'started'),
          auditEntry('remove', 'remove', target, 'ok'),
        ]),
      );
    } finally {
      await runCommand(['docker', 'image', 'rm', tag], { timeoutMs: 30_000, check: false });
    }
  });

  it('removing what does not exist is NOT_FOUND in one line with the closest names, and audited', async () => {
    await using volume = await testVolume();
    await using network = await testNetwork();
    const audit = join(dir, 'missing.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    for (const [kind, name] of [
      ['volume', volume.name],
      ['network', network.name],
    ] as const) {
      const typo = `${name}x`;
      const wanted = new RegExp(`^local: no ${kind} '${typo}'; did you mean ${name}\\?`);
      const real = await client.callTool({ name: 'remove', arguments: { action: 'remove', kind, id: typo } });
      expect(real.isError).toBe(true);
      expect(textOf(real)).toMatch(wanted);
      expect(textOf(real)).not.toContain('\n');
      const dry = await client.callTool({
        name: 'remove',
        arguments: { action: 'remove', kind, id: typo, dry_run: true },
      });
      expect(textOf(dry)).toMatch(wanted);
    }
    expect(await volume.exists()).toBe(true);
    expect(await network.exists()).toBe(true);
    // Every attempt at a data-losing action is written down, also one that found nothing
    // (and a dry run whose plan found nothing): two kinds, a call and a dry run each.
    const missing = auditEntry('remove', 'remove', expect.any(String), 'refused:NOT_FOUND');
    expect(await auditLines(audit)).toEqual([missing, missing, missing, missing]);
  });

  it('refuses params that do not fit the kind, in one line', async () => {
    await using client = await binClient();
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { action: 'remove', kind: 'volume', id: 'v1', volumes: true },
        /^volumes applies to kind container only/,
      ],
      [{ action: 'remove', kind: 'network', id: 'n1', force: true }, /^force does not apply to kind network/],
      [{ action: 'prune', kind: 'volume', until: '24h' }, /^until does not apply to kind volume/],
      [{ action: 'prune', kind: 'container', all: true }, /^all applies to kind image only/],
      [{ action: 'prune', kind: 'image', until: 'yesterday' }, /^Invalid arguments: until: /],
      [{ action: 'remove', kind: 'secret', id: 'x' }, /^Invalid arguments: kind: /],
      [{ action: 'remove', kind: 'volume', id: '--all' }, /^Invalid arguments: id: /],
      [{ action: 'prune', kind: 'volume', label: ['-x'] }, /^Invalid arguments: label/],
      [{ action: 'cleanup_safe', volumes: true }, /^'volumes' does not apply to action cleanup_safe/],
    ];
    for (const [args, expected] of cases) {
      const result = await client.callTool({ name: 'remove', arguments: { ...args, dry_run: true } });
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toMatch(expected);
      expect(textOf(result)).not.toContain('\n');
    }
  });

  it('plans asked for at the same moment all answer, though the engine reads disk usage one at a time', async () => {
    // Two agents (or a gateway's sessions) planning a cleanup at once: 20.10 refuses a
    // second /system/df while one runs; a plan must not fail for that.
    await using first = await binClient();
    await using second = await binClient();
    const dry = (client: Client) =>
      client.callTool({
        name: 'remove',
        arguments: {
          action: 'prune',
          kind: 'container',
          label: [`berth.test.mark=${uniqueName('same')}`],
          dry_run: true,
        },
      });
    const results = await Promise.all([first, second, first, second, first, second].map(dry));
    const failed = results.filter((r) => r.isError).map((r) => textOf(r));
    expect(failed).toEqual([]);
  });

  it('prune lists exactly its candidates on dry_run, then removes them with the token (label-scoped)', async () => {
    const mark = uniqueName('prune');
    const labels = { 'berth.test.mark': mark };
    const label = [`berth.test.mark=${mark}`];
    await using volume = await testVolume(labels);
    await using network = await testNetwork(labels);
    await using stopped = await startContainer({ image, cmd: ['true'], labels });
    await using running = await startContainer({ image, cmd: ['sleep', '300'], labels });
    await stopped.container.wait();
    const committed = `berth-test/${uniqueName('pruneimg')}:1`;
    await runCommand(
      ['docker', 'commit', '--change', `LABEL berth.test.mark=${mark}`, stopped.id, committed],
      { timeoutMs: 60_000 },
    );
    const audit = join(dir, 'prune.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    try {
      const plan = async (kind: string, extra: Record<string, unknown> = {}) => {
        const result = await client.callTool({
          name: 'remove',
          arguments: { action: 'prune', kind, label, dry_run: true, ...extra },
        });
        expect(result.isError, textOf(result)).toBeFalsy();
        const out = outOf(result);
        const objects = out.rows.filter((r) => r.kind !== 'total');
        expect(out.rows.at(-1)).toMatchObject({ kind: 'total', count: objects.length });
        return objects.map((r) => r.name);
      };
      expect(await plan('container')).toEqual([stopped.name]);
      expect(await plan('volume')).toEqual([volume.name]);
      expect(await plan('network')).toEqual([network.name]);
      expect(await plan('image', { all: true })).toEqual([committed]);
      expect(await plan('image')).toEqual([]);
      expect(await plan('container', { until: '2000-01-01T00:00:00Z' })).toEqual([]);
      expect(await containerExists(stopped.id)).toBe(true);

      for (const kind of ['container', 'volume', 'network', 'image']) {
        const done = await confirmed(client, {
          action: 'prune',
          kind,
          label,
          ...(kind === 'image' ? { all: true } : {}),
        });
        expect(done.rows.at(-1)).toMatchObject({ kind: 'total', result: 'removed', count: 1 });
        expect(done.rows[0]).toMatchObject({ kind, result: 'removed' });
      }
      expect(await containerExists(stopped.id)).toBe(false);
      expect(await containerExists(running.id)).toBe(true);
      expect(await volume.exists()).toBe(false);
      expect(await network.exists()).toBe(false);
      expect(await imageExists(committed)).toBe(false);
      expect(await imageExists(image)).toBe(true);
      const done = (await auditLines(audit)).filter((l) => l.outcome === 'ok').map((l) => l.target);
      expect(done).toEqual([
        `containers label=berth.test.mark=${mark}`,
        `volumes label=berth.test.mark=${mark}`,
        `networks label=berth.test.mark=${mark}`,
        `images label=berth.test.mark=${mark}`,
      ]);
    } finally {
      await runCommand(['docker', 'image', 'rm', committed], { timeoutMs: 30_000, check: false });
    }
  });
});
