import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  busyboxImage,
  dockerClient,
  engineSuite,
  ensureImage,
  runCommand,
  startRegistry,
  testRunId,
  waitUntil,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import { auditEntry, auditLines, imageExists, uniqueName } from './resources-fixtures.js';

type Rows = { rows: Record<string, unknown>[] };

engineSuite('images: read list and info, create pull (progress, cancel) and tag', () => {
  let image: string;
  let dir: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-images-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists images with a name filter and inspects one', async () => {
    await using client = await binClient();
    const list = await client.callTool({
      name: 'read',
      arguments: { action: 'list', kind: 'image', name: 'berth-fixture/busybox' },
    });
    expect(list.isError).toBeFalsy();
    const rows = (list.structuredContent as Rows).rows;
    expect(rows.some((r) => String(r.tags).includes(image))).toBe(true);
    expect(textOf(list).split('\n')[0]).toBe('id | tags | size | created');
    expect(rows.find((r) => String(r.tags).includes(image))?.size).toMatch(/^\d+(\.\d+)?(B|kB|MB)$/);

    const info = await client.callTool({
      name: 'read',
      arguments: { action: 'info', kind: 'image', id: image },
    });
    expect(info.isError).toBeFalsy();
    const [row] = (info.structuredContent as Rows).rows;
    expect(row).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{12}$/),
      tags: expect.stringContaining(image),
      platform: expect.stringMatching(/^linux\//),
      cmd: ['sh'],
    });
  });

  it('an unknown image is NOT_FOUND in one line, naming the closest tags', async () => {
    await using client = await binClient();
    const typo = image.replace('busybox', 'busybx');
    const info = await client.callTool({
      name: 'read',
      arguments: { action: 'info', kind: 'image', id: typo },
    });
    expect(info.isError).toBe(true);
    expect(textOf(info)).toMatch(new RegExp(`^local: no image '${typo}'; did you mean .*busybox`));
  });

  it('pulls from a registry on loopback with progress notifications, and audits it', async () => {
    await using registry = await startRegistry();
    // Drop the local tag so the engine really pulls.
    await runCommand(['docker', 'image', 'rm', registry.testImage], { timeoutMs: 30_000 });
    const audit = join(dir, 'pull.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    const progress: { progress: number; message?: string }[] = [];
    const result = await client.callTool(
      { name: 'create', arguments: { action: 'pull', image: registry.testImage } },
      { onprogress: (p) => progress.push(p) },
    );
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as Rows).rows[0]).toMatchObject({
      name: registry.testImage,
      id: expect.stringMatching(/^sha256:/),
      note: expect.stringMatching(/Downloaded newer image|Image is up to date/),
    });
    expect(await imageExists(registry.testImage)).toBe(true);
    expect(progress.length).toBeGreaterThan(1);
    const counts = progress.map((p) => p.progress);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counts).size).toBe(counts.length);
    expect(progress.some((p) => p.message?.includes('Pulling from berth-test/busybox'))).toBe(true);
    expect(await auditLines(audit)).toEqual([
      auditEntry('create', 'pull', registry.testImage, 'started'),
      auditEntry('create', 'pull', registry.testImage, 'ok'),
    ]);
  });

  it('a missing image fails in one line; cancelling a pull aborts it in the engine', async () => {
    await using registry = await startRegistry();
    await using client = await binClient();
    const missing = await client.callTool({
      name: 'create',
      arguments: { action: 'pull', image: `${registry.address}/berth-test/nope:1` },
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).not.toContain('\n');
    expect(textOf(missing)).toMatch(/not found|manifest unknown/i);

    // A "registry" that accepts connections and never answers: the pull hangs until cancelled.
    const sockets = new Set<Socket>();
    const silent = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const audit = join(dir, 'cancel.jsonl');
    await using auditing = await binClient({ args: ['--audit-log', audit] });
    try {
      const controller = new AbortController();
      const call = auditing.callTool(
        { name: 'create', arguments: { action: 'pull', image: `127.0.0.1:${port}/hang/img:1` } },
        { signal: controller.signal },
      );
      await waitUntil('the engine to reach the silent registry', async () => sockets.size > 0, {
        timeoutMs: 30_000,
      });
      controller.abort();
      await expect(call).rejects.toThrow();
      await waitUntil(
        'the cancelled pull in the audit log',
        async () => (await auditLines(audit)).length > 1,
        {
          timeoutMs: 30_000,
        },
      );
      const target = `127.0.0.1:${port}/hang/img:1`;
      expect(await auditLines(audit)).toEqual([
        auditEntry('create', 'pull', target, 'started'),
        auditEntry('create', 'pull', target, 'error:CANCELLED'),
      ]);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('tags an image (again: no change), refuses to move a tag onto another image, names close images', async () => {
    await using client = await binClient();
    const target = `berth-test/${uniqueName('tag')}:1`;
    const other = `berth-test/${uniqueName('other')}:1`;
    try {
      const tag = await client.callTool({
        name: 'create',
        arguments: { action: 'tag', image, name: target },
      });
      expect(tag.isError, textOf(tag)).toBeFalsy();
      const id = (await dockerClient().getImage(image).inspect()).Id;
      expect(tag.structuredContent).toEqual({ rows: [{ id: id.slice(7, 19), name: target }] });
      expect((await dockerClient().getImage(target).inspect()).Id).toBe(id);
      const again = await client.callTool({
        name: 'create',
        arguments: { action: 'tag', image, name: target },
      });
      expect(again.structuredContent).toEqual(tag.structuredContent);

      // Another image under the same tag: moving the tag would untag this one, which create never does.
      await runCommand(['docker', 'build', '-q', '-t', other, '-'], {
        timeoutMs: 60_000,
        input: `FROM ${image}\nLABEL berth.test=${testRunId()} berth.test.pid=${process.pid}\n`,
      });
      const moved = await client.callTool({
        name: 'create',
        arguments: { action: 'tag', image: other, name: target },
      });
      expect(moved.isError).toBe(true);
      expect(textOf(moved)).toMatch(
        new RegExp(
          `^local: ${target} already names image ${id.slice(7, 19)}; moving it would untag that image`,
        ),
      );
      expect((await dockerClient().getImage(target).inspect()).Id).toBe(id);

      const bad = await client.callTool({
        name: 'create',
        arguments: { action: 'tag', image: `${image}x`, name: `${target}x` },
      });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toMatch(new RegExp(`^local: no image '${image}x'; did you mean ${image}\\?`));
      expect(await imageExists(`${target}x`)).toBe(false);
    } finally {
      for (const ref of [target, other]) {
        await runCommand(['docker', 'image', 'rm', ref], { timeoutMs: 30_000, check: false });
      }
    }
  });
});
