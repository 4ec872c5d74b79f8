import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSuite, waitUntil } from '@berth/testkit';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';

type Rows = { rows: Record<string, unknown>[] };
const rows = (result: { structuredContent?: unknown }) => (result.structuredContent as Rows).rows;
const START = '# berth test config\nprofiles:\n  local:\n    type: local # the engine here\n';

engineSuite('host_config edits the config file and the server follows', () => {
  let dir: string;
  let config: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-hostcfg-'));
    config = join(dir, 'berth.yaml');
    await writeFile(config, START);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const hostNames = async (client: Awaited<ReturnType<typeof binClient>>) =>
    rows(await client.callTool({ name: 'system', arguments: { action: 'hosts' } })).map((r) => r.name);

  it('adds a host that hosts and test see at once, edits one field, removes it, and audits each', async () => {
    const audit = join(dir, 'audit.jsonl');
    await using client = await binClient({ args: ['--config', config, '--audit-log', audit] });
    expect(await hostNames(client)).toEqual(['local']);
    const add = await client.callTool({
      name: 'host_config',
      arguments: {
        action: 'add',
        name: 'second',
        profile: { type: 'local', description: 'same engine, second name', tags: ['lab'], timeoutMs: 5000 },
      },
    });
    expect(add.isError).toBeFalsy();
    expect(rows(add)).toEqual([{ name: 'second', done: 'added', file: config }]);
    const hosts = rows(await client.callTool({ name: 'system', arguments: { action: 'hosts' } }));
    expect(hosts).toContainEqual(
      expect.objectContaining({
        name: 'second',
        type: 'local',
        description: 'same engine, second name',
        tags: 'lab',
      }),
    );
    const test = await client.callTool({ name: 'system', arguments: { action: 'test', host: 'second' } });
    expect(rows(test)).toEqual([expect.objectContaining({ ok: true })]);

    const edit = await client.callTool({
      name: 'host_config',
      arguments: { action: 'edit', name: 'second', profile: { description: 'renamed' } },
    });
    expect(rows(edit)).toEqual([{ name: 'second', done: 'edited', file: config }]);
    const text = await readFile(config, 'utf8');
    expect(text).toContain('# berth test config');
    expect(text).toContain('type: local # the engine here');
    expect(text).toMatch(/description: renamed/);
    expect(text).toMatch(/timeoutMs: 5000/);
    expect(text).toMatch(/- lab/);

    const remove = await client.callTool({
      name: 'host_config',
      arguments: { action: 'remove', name: 'second' },
    });
    expect(remove.isError).toBeFalsy();
    expect(await hostNames(client)).toEqual(['local']);
    expect(await readFile(config, 'utf8')).toBe(START);
    const unknown = await client.callTool({ name: 'system', arguments: { action: 'test', host: 'second' } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/^Unknown host 'second'/);

    const lines = (await readFile(audit, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => `${l.tool} ${l.action} ${l.target} ${l.outcome}`)).toEqual([
      'host_config add second ok',
      'host_config edit second ok',
      'host_config remove second ok',
    ]);
  });

  it('refuses bad writes with one line and leaves the file as it was', async () => {
    await using client = await binClient({ args: ['--config', config] });
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ action: 'add', name: 'local', profile: { type: 'local' } }, /already has a profile named "local"/],
      [{ action: 'add', name: 'x', profile: { type: 'bogus' } }, /refused, nothing written/],
      [{ action: 'add', name: 'x', profile: 'type=local' }, /profile must be an object/],
      [{ action: 'add', name: '../x', profile: { type: 'local' } }, /^Invalid arguments: name/],
      [
        {
          action: 'add',
          name: 'x',
          profile: { type: 'ssh', host: 'h', user: 'u', agent: true, hostKeyPolicy: 'insecure-ignore' },
        },
        /insecure-ignore turns host-key checks off/,
      ],
      [{ action: 'edit', name: 'nope', profile: { description: 'x' } }, /defines no profile named "nope"/],
      [{ action: 'remove', name: 'nope' }, /defines no profile named "nope"/],
    ];
    for (const [args, message] of cases) {
      const result = await client.callTool({ name: 'host_config', arguments: args });
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    expect(await readFile(config, 'utf8')).toBe(START);
  });

  it('imports chosen Host entries from ~/.ssh/config (HOME of the server), with strict host keys', async () => {
    const home = join(dir, 'home');
    await mkdir(join(home, '.ssh'), { recursive: true });
    await writeFile(join(home, '.ssh', 'id_test'), 'not a real key\n', { mode: 0o600 });
    await writeFile(join(home, '.ssh', 'known_hosts'), '');
    await writeFile(
      join(home, '.ssh', 'config'),
      'Host alpha\n  HostName 127.0.0.1\n  User deploy\n  Port 2222\n  IdentityFile ~/.ssh/id_test\n\nHost beta gamma\n  HostName 10.0.0.9\n  User ops\n  IdentityFile ~/.ssh/id_test\n\nHost *\n  ServerAliveInterval 30\n',
    );
    await using client = await binClient({ args: ['--config', config], env: { HOME: home } });
    const one = await client.callTool({
      name: 'host_config',
      arguments: { action: 'import', name: 'alpha' },
    });
    expect(one.isError, textOf(one)).toBeFalsy();
    expect(rows(one)).toEqual([{ name: 'alpha', done: 'imported', host: '127.0.0.1', file: config }]);
    expect(await hostNames(client)).toEqual(['local', 'alpha']);
    const text = await readFile(config, 'utf8');
    expect(text).toMatch(/hostKeyPolicy: strict/);
    expect(text).toMatch(/port: 2222/);

    const all = await client.callTool({ name: 'host_config', arguments: { action: 'import', name: '*' } });
    expect(rows(all).map((r) => `${r.name}:${r.done}`)).toEqual([
      'alpha:exists, kept',
      'beta:imported',
      'gamma:imported',
    ]);
    expect(await hostNames(client)).toEqual(['local', 'alpha', 'beta', 'gamma']);

    const missing = await client.callTool({
      name: 'host_config',
      arguments: { action: 'import', name: 'zeta' },
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^Nothing to import.*Host zeta: no such Host entry/);
    const hostile = await client.callTool({
      name: 'host_config',
      arguments: { action: 'import', name: 'a;rm -rf' },
    });
    expect(hostile.isError).toBe(true);
  });

  it('follows edits made by hand (hot reload)', async () => {
    await using client = await binClient({ args: ['--config', config] });
    expect(await hostNames(client)).toEqual(['local']);
    await writeFile(config, `${START}  byhand:\n    type: local\n    readOnly: true\n`);
    await waitUntil(
      'the server to reload its config',
      async () => (await hostNames(client)).includes('byhand'),
      {
        timeoutMs: 10_000,
        intervalMs: 100,
      },
    );
    const hosts = rows(
      await client.callTool({ name: 'system', arguments: { action: 'hosts', host: 'byhand' } }),
    );
    expect(hosts).toEqual([expect.objectContaining({ name: 'byhand', readOnly: true })]);
  });
});
