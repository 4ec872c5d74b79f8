import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, runCommand, startContainer } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import {
  auditLines,
  containerExists,
  imageExists,
  testNetwork,
  testVolume,
  uniqueName,
  volumeExists,
} from './resources-fixtures.js';

type Out = { rows: Record<string, unknown>[]; note?: string };

engineSuite('remove and prune: dry run, strict booleans, not found, audit', () => {
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
      hostConfig: { Mounts: [{ Type: 'volume', Target: '/data' }] },
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
          remove: 'container',
          name: c.name,
          id: c.id.slice(0, 12),
          state: 'running',
          blocked: 'running: stop it or pass force',
        },
        { remove: 'volume', name: anon },
      ],
      note: 'Dry run: nothing was changed.',
    });
    expect((await dry({ kind: 'volume', id: volume.name })).structuredContent).toMatchObject({
      rows: [{ remove: 'volume', name: volume.name, driver: 'local' }],
    });
    expect((await dry({ kind: 'network', id: network.name })).structuredContent).toMatchObject({
      rows: [{ remove: 'network', name: network.name }],
    });
    const tag = `berth-test/${uniqueName('dry')}:1`;
    await runCommand(['docker', 'tag', image, tag], { timeoutMs: 30_000 });
    try {
      expect((await dry({ kind: 'image', id: tag })).structuredContent).toMatchObject({
        rows: [{ remove: 'tag', name: tag }],
      });
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

    const keep = await client.callTool({
      name: 'remove',
      arguments: { action: 'remove', kind: 'container', id: c.name, force: true, volumes: false },
    });
    expect(keep.isError).toBeFalsy();
    expect(await containerExists(c.id)).toBe(false);
    expect(await volumeExists(anon)).toBe(true);
    await runCommand(['docker', 'volume', 'rm', anon], { timeoutMs: 30_000 });

    const second = await withAnonymousVolume();
    await using _second = second.c;
    const gone = await client.callTool({
      name: 'remove',
      arguments: { action: 'remove', kind: 'container', id: second.c.name, force: true, volumes: true },
    });
    expect(gone.isError).toBeFalsy();
    expect(await containerExists(second.c.id)).toBe(false);
    expect(await volumeExists(second.anon)).toBe(false);
    expect((await auditLines(audit)).map((l) => l.outcome)).toEqual(['ok', 'ok']);
  });

  it('removes a volume, a network and an image tag without elicitation, and audits each', async () => {
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
        const result = await client.callTool({ name: 'remove', arguments: { action: 'remove', kind, id } });
        expect(result.isError, textOf(result)).toBeFalsy();
      }
      expect(await volume.exists()).toBe(false);
      expect(await network.exists()).toBe(false);
      expect(await imageExists(tag)).toBe(false);
      expect(await imageExists(image)).toBe(true);
      expect(await auditLines(audit)).toEqual([
        { host: 'local', tool: 'remove', action: 'remove', target: `volume ${volume.name}`, outcome: 'ok' },
        { host: 'local', tool: 'remove', action: 'remove', target: `network ${network.name}`, outcome: 'ok' },
        { host: 'local', tool: 'remove', action: 'remove', target: `image ${tag}`, outcome: 'ok' },
      ]);
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
      const real = await client.callTool({ name: 'remove', arguments: { action: 'remove', kind, id: typo } });
      expect(real.isError).toBe(true);
      expect(textOf(real)).toBe(`local: no ${kind} '${typo}'; did you mean ${name}?`);
      const dry = await client.callTool({
        name: 'remove',
        arguments: { action: 'remove', kind, id: typo, dry_run: true },
      });
      expect(textOf(dry)).toBe(`local: no ${kind} '${typo}'; did you mean ${name}?`);
    }
    expect(await volume.exists()).toBe(true);
    expect((await auditLines(audit)).map((l) => l.outcome)).toEqual(['error:NOT_FOUND', 'error:NOT_FOUND']);
  });

  it('refuses params that do not fit the kind, in one line', async () => {
    await using client = await binClient();
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { action: 'remove', kind: 'volume', id: 'v1', volumes: true },
        /^volumes applies to kind container only/,
      ],
      [{ action: 'remove', kind: 'network', id: 'n1', force: true }, /^force does not apply to kind network/],
      [{ action: 'prune', kind: 'volume', until: '24h' }, /^until applies to kind container or image/],
      [{ action: 'prune', kind: 'container', all: true }, /^all applies to kind image only/],
      [{ action: 'prune', kind: 'image', until: 'yesterday' }, /^Invalid arguments: until: /],
      [{ action: 'remove', kind: 'secret', id: 'x' }, /^Invalid arguments: kind: /],
      [{ action: 'remove', kind: 'volume', id: '--all' }, /^Invalid arguments: id: /],
      [{ action: 'prune', kind: 'volume', label: ['-x'] }, /^Invalid arguments: label/],
    ];
    for (const [args, expected] of cases) {
      const result = await client.callTool({ name: 'remove', arguments: { ...args, dry_run: true } });
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toMatch(expected);
    }
  });

  it('prune lists exactly its candidates on dry_run, then removes them (label-scoped)', async () => {
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
      {
        timeoutMs: 60_000,
      },
    );
    const audit = join(dir, 'prune.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    try {
      const plan = async (kind: string, extra: Record<string, unknown> = {}) =>
        (
          (
            await client.callTool({
              name: 'remove',
              arguments: { action: 'prune', kind, label, dry_run: true, ...extra },
            })
          ).structuredContent as Out
        ).rows.map((r) => r.name);
      expect(await plan('container')).toEqual([stopped.name]);
      expect(await plan('volume')).toEqual([volume.name]);
      expect(await plan('network')).toEqual([network.name]);
      expect(await plan('image', { all: true })).toEqual([committed]);
      expect(await plan('image')).toEqual([]);
      expect(await plan('container', { until: '2000-01-01T00:00:00Z' })).toEqual([]);
      expect(await containerExists(stopped.id)).toBe(true);

      for (const kind of ['container', 'volume', 'network', 'image']) {
        const result = await client.callTool({
          name: 'remove',
          arguments: { action: 'prune', kind, label, ...(kind === 'image' ? { all: true } : {}) },
        });
        expect(result.isError, textOf(result)).toBeFalsy();
        expect((result.structuredContent as Out).rows[0]).toMatchObject({ kind, count: expect.any(Number) });
      }
      expect(await containerExists(stopped.id)).toBe(false);
      expect(await containerExists(running.id)).toBe(true);
      expect(await volume.exists()).toBe(false);
      expect(await network.exists()).toBe(false);
      expect(await imageExists(committed)).toBe(false);
      expect(await imageExists(image)).toBe(true);
      expect((await auditLines(audit)).map((l) => l.target)).toEqual([
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
