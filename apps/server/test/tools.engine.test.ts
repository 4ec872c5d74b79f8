import { busyboxImage, engineSuite, ensureImage, startContainer } from '@berth/testkit';
import { beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';

type Rows = { rows: Record<string, unknown>[]; errors?: unknown[]; next?: string; note?: string };

engineSuite('berth-mcp tools against the real engine', () => {
  let image: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
  });

  it('system version, info, test and df describe the engine', async () => {
    await using client = await binClient();
    const version = await client.callTool({ name: 'system', arguments: { action: 'version' } });
    expect(version.isError).toBeFalsy();
    const [v] = (version.structuredContent as Rows).rows;
    expect(v?.api).toMatch(/^1\.\d+$/);
    const info = await client.callTool({ name: 'system', arguments: { action: 'info' } });
    expect((info.structuredContent as Rows).rows[0]).toHaveProperty('containers');
    const test = await client.callTool({ name: 'system', arguments: { action: 'test' } });
    expect((test.structuredContent as Rows).rows[0]).toMatchObject({
      host: 'local',
      ok: true,
      version: v?.version,
    });
    const df = await client.callTool({ name: 'system', arguments: { action: 'df' } });
    expect((df.structuredContent as Rows).rows.map((r) => r.type)).toEqual([
      'images',
      'containers',
      'volumes',
      'buildCache',
    ]);
    expect(textOf(df).split('\n')[0]).toBe('type | count | sizeMb');
  });

  it('containers list shows a labelled container, shrinks with fields, fans out over "*"', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const list = await client.callTool({ name: 'resources', arguments: { action: 'list', name: web.name } });
    expect(list.isError).toBeFalsy();
    const rows = (list.structuredContent as Rows).rows;
    expect(rows).toEqual([expect.objectContaining({ name: web.name, state: 'running', image })]);
    expect(textOf(list)).toContain(web.name);

    const slim = await client.callTool({
      name: 'resources',
      arguments: { action: 'list', name: web.name, fields: ['name', 'state'] },
    });
    expect((slim.structuredContent as Rows).rows).toEqual([{ name: web.name, state: 'running' }]);

    const all = await client.callTool({
      name: 'resources',
      arguments: { action: 'list', host: '*', name: web.name, fields: ['name'] },
    });
    expect((all.structuredContent as Rows).rows).toEqual([{ host: 'local', name: web.name }]);
  });

  it('containers list pages with a cursor', async () => {
    await using _a = await startContainer({ image, cmd: ['sleep', '300'] });
    await using _b = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    // Two containers exist at least, so a page of one has a next page.
    const first = await client.callTool({
      name: 'resources',
      arguments: { action: 'list', limit: 1, fields: ['name'] },
    });
    const page = first.structuredContent as Rows;
    expect(page.rows).toHaveLength(1);
    expect(page.next).toBe('1');
    expect(textOf(first)).toContain('pass cursor "1"');
    const second = await client.callTool({
      name: 'resources',
      arguments: { action: 'list', limit: 1, fields: ['name'], cursor: page.next },
    });
    expect((second.structuredContent as Rows).rows[0]?.name).not.toBe(page.rows[0]?.name);
  });

  it('containers info masks secret env values', async () => {
    await using db = await startContainer({
      image,
      cmd: ['sleep', '300'],
      env: { DB_PASSWORD: 'hunter2-secret', API_TOKEN: 'tok-123456', MODE: 'test' },
    });
    await using client = await binClient();
    const info = await client.callTool({ name: 'resources', arguments: { action: 'info', id: db.name } });
    expect(info.isError).toBeFalsy();
    const [row] = (info.structuredContent as Rows).rows;
    expect(row).toMatchObject({ name: db.name, state: 'running', cmd: ['sleep', '300'] });
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
    const result = await client.callTool({ name: 'resources', arguments: { action: 'info', id: typo } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(new RegExp(`^local: no container '${typo}'; did you mean .*${web.name}`));
  });
});
