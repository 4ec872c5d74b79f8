import { busyboxImage, engineSuite, ensureImage, startContainer, waitUntil } from '@berth/testkit';
import { beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';

type Rows = { rows: Record<string, unknown>[] };
const rowsOf = (result: { structuredContent?: unknown }) => (result.structuredContent as Rows).rows;

// Writes to both streams, echoes a secret, then idles.
const CHATTY =
  'for i in 1 2 3 4 5; do echo out-$i; done; echo err-line >&2; echo DB_PASSWORD=hunter2-secret; sleep 300';

engineSuite('containers logs, stats and top against the real engine', () => {
  let image: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
  });

  it('logs: the last lines with streams marked, secrets masked, tail, timestamps and until', async () => {
    await using app = await startContainer({ image, cmd: ['sh', '-c', CHATTY] });
    await waitUntil('logs written', async () => (await app.logs()).stdout.includes('DB_PASSWORD'), {
      timeoutMs: 20_000,
    });
    await using client = await binClient();
    const logs = await client.callTool({ name: 'read', arguments: { action: 'logs', id: app.name } });
    expect(logs.isError).toBeFalsy();
    const [row] = rowsOf(logs);
    const lines = row?.lines as string[];
    expect(lines).toContain('out| out-1');
    expect(lines).toContain('err| err-line');
    expect(lines.some((l) => l.startsWith('out| DB_PASSWORD='))).toBe(true);
    expect(JSON.stringify(logs)).not.toContain('hunter2-secret');
    expect(row?.truncated).toBeUndefined();

    const tail = await client.callTool({
      name: 'read',
      arguments: { action: 'logs', id: app.name, tail: 2, timestamps: true },
    });
    const tailLines = rowsOf(tail)[0]?.lines as string[];
    expect(tailLines).toHaveLength(2);
    expect(tailLines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+ (out|err)\| /);
    expect(rowsOf(tail)[0]?.hint).toMatch(/raise tail or set since/);

    const old = await client.callTool({
      name: 'read',
      arguments: { action: 'logs', id: app.name, until: '2001-01-01T00:00:00Z', since: '1d' },
    });
    expect(rowsOf(old)[0]).toEqual({
      id: app.name,
      lines: [],
      hint: expect.stringMatching(/^no lines in that time window/),
    });
    // The lines that exist are newer than a window in 2001: a hint that calls them older
    // sends the agent further back, where there is nothing.
    expect(rowsOf(old)[0]?.hint).not.toMatch(/older lines exist/);
  });

  it('logs: a byte cap keeps the newest lines and says how to get more', async () => {
    await using app = await startContainer({ image, cmd: ['sh', '-c', 'seq 1 400; sleep 300'] });
    await waitUntil('logs written', async () => (await app.logs()).stdout.includes('400'), {
      timeoutMs: 20_000,
    });
    await using client = await binClient();
    const capped = await client.callTool({
      name: 'read',
      arguments: { action: 'logs', id: app.name, max_bytes: 256 },
    });
    const [row] = rowsOf(capped);
    const lines = row?.lines as string[];
    expect(row?.truncated).toBe(true);
    expect(row?.hint).toMatch(/earlier lines left out.*raise max_bytes/);
    expect(lines.at(-1)).toBe('out| 400');
    expect(lines.join('\n').length).toBeLessThanOrEqual(256);
  });

  it('logs: bad times and unknown containers get one clear line', async () => {
    await using app = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const badTime = await client.callTool({
      name: 'read',
      arguments: { action: 'logs', id: app.name, since: 'yesterday; rm -rf /' },
    });
    expect(badTime.isError).toBe(true);
    expect(textOf(badTime)).toMatch(
      /^Invalid arguments: since: "yesterday; rm -rf \/" is not a time: give a duration ago \(90s, 10m/,
    );
    const typo = await client.callTool({
      name: 'read',
      arguments: { action: 'logs', id: `${app.name}-nope` },
    });
    expect(typo.isError).toBe(true);
    expect(textOf(typo)).toMatch(new RegExp(`no container '${app.name}-nope'; did you mean ${app.name}`));
  });

  it('stats: one sample of a running container, zeros for a stopped one; unknown ones are named', async () => {
    await using app = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const stats = await client.callTool({ name: 'read', arguments: { action: 'stats', id: app.name } });
    expect(stats.isError).toBeFalsy();
    const [row] = rowsOf(stats);
    expect(row).toMatchObject({ id: app.name, live: true });
    expect(typeof row?.cpuPercent).toBe('number');
    // As `docker stats` prints them: used / limit, received / sent, read / written.
    const pair = /^\d+(\.\d+)?(B|kB|MB|GB|TB) \/ \d+(\.\d+)?(B|kB|MB|GB|TB)$/;
    expect(row?.mem).toMatch(pair);
    expect(row?.mem).not.toMatch(/^0B /);
    expect(row?.net).toMatch(pair);
    expect(row?.block).toMatch(pair);
    expect(row?.pids as number).toBeGreaterThanOrEqual(1);
    expect(textOf(stats).split('\n')[0]).toBe(
      'id | live | cpuPercent | mem | memPercent | net | block | pids',
    );
    const missing = await client.callTool({
      name: 'read',
      arguments: { action: 'stats', id: `${app.name}x` },
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/did you mean/);
    await app.container.stop({ t: 0 });
    const stopped = await client.callTool({
      name: 'read',
      arguments: { action: 'stats', id: app.name },
    });
    expect(rowsOf(stopped)[0]).toMatchObject({ live: false, cpuPercent: 0, pids: 0, mem: '0B / 0B' });
  });

  it('top: the processes of a running container; a stopped one is an error', async () => {
    await using app = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const top = await client.callTool({
      name: 'read',
      arguments: { action: 'top', id: app.name, fields: ['pid', 'command'] },
    });
    expect(top.isError).toBeFalsy();
    const rows = rowsOf(top);
    expect(rows.some((r) => String(r.command).includes('sleep 300'))).toBe(true);
    expect(Object.keys(rows[0] ?? {})).toEqual(['pid', 'command']);

    await app.container.stop({ t: 0 });
    const stopped = await client.callTool({ name: 'read', arguments: { action: 'top', id: app.name } });
    expect(stopped.isError).toBe(true);
    expect(textOf(stopped)).toMatch(/not running/i);
  });
});
