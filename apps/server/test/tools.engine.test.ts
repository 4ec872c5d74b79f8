import { busyboxImage, engineSuite, ensureImage, startContainer, waitUntil } from '@berth/testkit';
import { beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import { uniqueName } from './resources-fixtures.js';

type Rows = { rows: Record<string, unknown>[]; errors?: unknown[]; next?: string; note?: string };
const rowsOf = (result: { structuredContent?: unknown }) => (result.structuredContent as Rows).rows;

engineSuite('berth-mcp tools against the real engine', () => {
  let image: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
  });

  it('read version, engine, test and df describe the engine', async () => {
    await using client = await binClient();
    const version = await client.callTool({ name: 'read', arguments: { action: 'version' } });
    expect(version.isError).toBeFalsy();
    const [v] = rowsOf(version);
    expect(v?.api).toMatch(/^1\.\d+$/);
    const info = await client.callTool({ name: 'read', arguments: { action: 'engine' } });
    expect(rowsOf(info)[0]).toMatchObject({
      containers: expect.any(Number),
      version: v?.version,
      memory: expect.stringMatching(/^\d+(\.\d+)?(kB|MB|GB|TB)$/),
    });
    const test = await client.callTool({ name: 'read', arguments: { action: 'test' } });
    expect(rowsOf(test)).toEqual([
      {
        host: 'local',
        connectMs: expect.any(Number),
        pingMs: expect.any(Number),
        version: v?.version,
      },
    ]);
    const df = await client.callTool({ name: 'read', arguments: { action: 'df' } });
    // The types and figures of `docker system df`, in its order.
    expect(rowsOf(df).map((r) => r.type)).toEqual(['Images', 'Containers', 'Local Volumes', 'Build Cache']);
    expect(textOf(df).split('\n')[0]).toBe(
      'type | total | active | size | reclaimable | sizeBytes | reclaimableBytes',
    );
    const [images] = rowsOf(df);
    expect(images?.size).toMatch(/^\d+(\.\d+)?(B|kB|MB|GB)$/);
    expect(images?.reclaimable).toMatch(/^\d+(\.\d+)?(B|kB|MB|GB)( \(\d+%\))?$/);
    expect(images?.sizeBytes as number).toBeGreaterThan(0);
  });

  it('containers list shows a labelled container, shrinks with fields, fans out over "*"', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const list = await client.callTool({ name: 'read', arguments: { action: 'list', name: web.name } });
    expect(list.isError).toBeFalsy();
    expect(rowsOf(list)).toEqual([
      expect.objectContaining({ name: web.name, id: web.id.slice(0, 12), state: 'running', image }),
    ]);
    expect(textOf(list)).toContain(web.name);

    const slim = await client.callTool({
      name: 'read',
      arguments: { action: 'list', name: web.name, fields: ['name', 'state'] },
    });
    expect(rowsOf(slim)).toEqual([{ name: web.name, state: 'running' }]);

    const all = await client.callTool({
      name: 'read',
      arguments: { action: 'list', host: '*', name: web.name, fields: ['name'] },
    });
    expect(rowsOf(all)).toEqual([{ host: 'local', name: web.name }]);
  });

  it('containers list is newest first and pages with the cursor from next', async () => {
    const mark = uniqueName('page');
    const labels = { 'berth.test.mark': mark };
    await using older = await startContainer({ image, cmd: ['sleep', '300'], labels });
    // Creation times have whole seconds: wait for the next one so the order is the engine's.
    const born = Date.parse((await older.container.inspect()).Created);
    await waitUntil('the next second', async () => Math.floor(Date.now() / 1000) > Math.floor(born / 1000), {
      timeoutMs: 5_000,
      intervalMs: 50,
    });
    await using newer = await startContainer({ image, cmd: ['sleep', '300'], labels });
    await using client = await binClient();
    const args = { action: 'list', label: [`berth.test.mark=${mark}`], fields: ['name', 'created'] };

    const whole = rowsOf(await client.callTool({ name: 'read', arguments: args }));
    expect(whole.map((r) => r.name)).toEqual([newer.name, older.name]);
    expect(Date.parse(String(whole[0]?.created))).toBeGreaterThan(Date.parse(String(whole[1]?.created)));

    const first = await client.callTool({ name: 'read', arguments: { ...args, limit: 1 } });
    const page = first.structuredContent as Rows;
    expect(page.rows).toEqual([expect.objectContaining({ name: newer.name })]);
    expect(page.next).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(page.note).toBe('2 rows in all; pass "next" as cursor for more');
    expect(textOf(first)).toContain('pass "next" as cursor for more');
    const second = await client.callTool({
      name: 'read',
      arguments: { ...args, limit: 1, cursor: page.next },
    });
    expect(second.structuredContent).toEqual({ rows: [expect.objectContaining({ name: older.name })] });
  });

  it('containers list filters by label: key, key=value, all of several', async () => {
    const mark = uniqueName('label');
    await using red = await startContainer({
      image,
      cmd: ['sleep', '300'],
      labels: { 'berth.test.mark': mark, 'berth.test.color': 'red' },
    });
    await using blue = await startContainer({
      image,
      cmd: ['sleep', '300'],
      labels: { 'berth.test.mark': mark, 'berth.test.color': 'blue' },
    });
    await using client = await binClient();
    const names = async (label: string[]) =>
      rowsOf(await client.callTool({ name: 'read', arguments: { action: 'list', label } }))
        .map((r) => r.name)
        .sort();
    expect(await names([`berth.test.mark=${mark}`])).toEqual([red.name, blue.name].sort());
    expect(await names([`berth.test.mark=${mark}`, 'berth.test.color=red'])).toEqual([red.name]);
    expect(await names([`berth.test.mark=${mark}`, 'berth.test.color'])).toEqual(
      [red.name, blue.name].sort(),
    );
    expect(await names([`berth.test.mark=${mark}`, 'berth.test.color=green'])).toEqual([]);
  });

  it('containers list state: "stopped" gives no running container, "running" no stopped one', async () => {
    const mark = uniqueName('state');
    const labels = { 'berth.test.mark': mark };
    await using running = await startContainer({ image, cmd: ['sleep', '300'], labels });
    await using paused = await startContainer({ image, cmd: ['sleep', '300'], labels });
    await paused.container.pause();
    await using exited = await startContainer({ image, cmd: ['true'], labels });
    await exited.container.wait();
    await using client = await binClient();
    const list = async (state?: string, mine = true) =>
      rowsOf(
        await client.callTool({
          name: 'read',
          arguments: {
            action: 'list',
            fields: ['name', 'state'],
            limit: 500,
            ...(mine ? { label: [`berth.test.mark=${mark}`] } : {}),
            ...(state ? { state } : {}),
          },
        }),
      );
    expect(await list('stopped')).toEqual([{ name: exited.name, state: 'exited' }]);
    expect((await list('running')).map((r) => r.name).sort()).toEqual([running.name, paused.name].sort());
    expect((await list('all')).map((r) => r.name).sort()).toEqual(
      [running.name, paused.name, exited.name].sort(),
    );
    expect(await list()).toHaveLength(3);
    // Across the whole host too, not only among this test's containers.
    const stopped = await list('stopped', false);
    expect(stopped.filter((r) => ['running', 'paused', 'restarting'].includes(String(r.state)))).toEqual([]);
  });

  it('containers info masks secret env values, also where the command line repeats one', async () => {
    await using db = await startContainer({
      image,
      cmd: ['sh', '-c', 'sleep 300 || echo hunter2-secret'],
      env: { DB_PASSWORD: 'hunter2-secret', API_TOKEN: 'tok-123456', MODE: 'test' },
    });
    await using client = await binClient();
    const info = await client.callTool({ name: 'read', arguments: { action: 'info', id: db.name } });
    expect(info.isError).toBeFalsy();
    const [row] = rowsOf(info);
    expect(row).toMatchObject({ name: db.name, state: 'running' });
    expect(row?.cmd).toEqual(['sh', '-c', expect.stringMatching(/^sleep 300 \|\| echo (?!hunter2)/)]);
    const env = row?.env as string[];
    expect(env).toContain('MODE=test');
    expect(env.some((e) => e.startsWith('DB_PASSWORD=') && !e.includes('hunter2'))).toBe(true);
    expect(JSON.stringify(info)).not.toContain('hunter2-secret');
    expect(JSON.stringify(info)).not.toContain('tok-123456');
  });

  it('an unknown container gets the closest names on that host', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const typo = `${web.name.slice(0, -1)}`;
    const result = await client.callTool({ name: 'read', arguments: { action: 'info', id: typo } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(new RegExp(`^local: no container '${typo}'; did you mean .*${web.name}`));
  });
});
