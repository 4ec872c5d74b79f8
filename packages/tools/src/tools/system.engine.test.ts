import {
  type CliDfRow,
  cliDfRows,
  DOCKER_SYSTEM_DF,
  engineSuite,
  parseHumanSize,
  runCommand,
  startContainer,
} from '@berth/testkit';
import { beforeAll, expect, it } from 'vitest';
import type { Row } from '../framework/tool-output.js';
import { type Runner, useRunner } from './docker-core.test-support.js';

/** The CLI's rows; undefined when the engine was busy with another client's disk usage read. */
async function cliDf(): Promise<CliDfRow[] | undefined> {
  return cliDfRows(await runCommand(DOCKER_SYSTEM_DF, { timeoutMs: 120_000, check: false }));
}

/** Whether berth's row gives the CLI's figures for the same kind of object. */
function agrees(c: CliDfRow, row: Row | undefined): boolean {
  if (!row) return false;
  const size = parseHumanSize(c.Size);
  const reclaimable = parseHumanSize(c.Reclaimable);
  return (
    Number(c.TotalCount) === row.total &&
    Number(c.Active) === row.active &&
    Math.abs(size.bytes - Number(row.sizeBytes)) <= size.tolerance &&
    Math.abs(reclaimable.bytes - Number(row.reclaimableBytes)) <= reclaimable.tolerance &&
    // The percent is the CLI's integer division of the same exact figures.
    (c.Reclaimable.match(/\(\d+%\)$/)?.[0] ?? '') === (String(row.reclaimable).match(/\(\d+%\)$/)?.[0] ?? '')
  );
}

engineSuite('system on the real engine', () => {
  const tools: Runner = useRunner();
  const failure = tools.failure;
  let image: string;
  beforeAll(() => {
    image = tools.image;
  });

  it('df gives the figures of `docker system df` on the same engine', async () => {
    // Other test runs (three packages at once in CI) change the engine and read its disk
    // usage too, and a running database's container grows all the time. So each kind of
    // object is compared when the CLI gave the same row just before and just after berth's
    // read, and the test waits up to a minute until every kind has been compared.
    const KINDS = ['Images', 'Containers', 'Local Volumes', 'Build Cache'];
    const compared = new Set<string>();
    let last: { cli: CliDfRow[] | undefined; rows: Row[] } | undefined;
    for (const until = Date.now() + 60_000; compared.size < KINDS.length && Date.now() < until; ) {
      const before = await cliDf();
      const { rows } = await tools.ok('read', { action: 'df' });
      const after = await cliDf();
      last = { cli: after, rows };
      expect(rows.map((r) => r.type)).toEqual(KINDS);
      for (const c of after ?? []) {
        const same = before?.find((b) => b.Type === c.Type);
        if (JSON.stringify(same) !== JSON.stringify(c)) continue;
        const row = rows.find((r) => r.type === c.Type);
        expect(agrees(c, row), JSON.stringify({ cli: c, row })).toBe(true);
        compared.add(c.Type);
      }
      if (compared.size < KINDS.length) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect([...compared].sort(), `the engine kept changing; last: ${JSON.stringify(last)}`).toEqual(
      [...KINDS].sort(),
    );
  });

  it('events: a container start, newest first, filtered by container', async () => {
    await using app = await startContainer({ image, cmd: ['sleep', '300'] });
    const { rows } = await tools.ok('read', {
      action: 'events',
      since: '2m',
      type: 'container',
      container: app.name,
    });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['create', 'start']));
    expect(rows.every((r) => r.actor === app.name)).toBe(true);
    const times = rows.map((r) => Date.parse(String(r.time)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await failure('read', { action: 'events', since: 'last tuesday' })).toMatch(
      /since: "last tuesday" is not a time/,
    );
  });

  it('hosts and test answer for the one profile', async () => {
    const hosts = await tools.ok('read', { action: 'hosts' });
    expect(hosts.rows).toEqual([
      { host: 'local', type: 'local', default: true, readOnly: false, confirm: true },
    ]);
    const test = await tools.ok('read', { action: 'test' });
    expect(test.rows[0]).toMatchObject({ host: 'local', version: expect.any(String) });
    expect(test.errors).toBeUndefined();
  });

  it('cleanup previews the three levels, mildest first', async () => {
    const { rows } = await tools.ok('read', { action: 'cleanup' });
    expect(rows.map((r) => r.level)).toEqual(['safe', 'moderate', 'aggressive']);
    expect(rows.every((r) => typeof r.size === 'string')).toBe(true);
  });

  it('ports: a published port is taken, and said so', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'], ports: [80] });
    const port = web.hostPort(80);
    const { rows } = await tools.ok('read', { action: 'ports', port });
    expect(rows).toEqual([{ port, free: false, usedBy: `${web.name} (running)` }]);
    const list = await tools.ok('read', { action: 'ports', limit: 500 });
    expect(list.rows).toContainEqual({
      port,
      binding: `127.0.0.1:${port}->80/tcp`,
      container: web.name,
      state: 'running',
    });
  });
});
