import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSuite, waitUntil } from '@berth/testkit';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import { auditEntry, auditLines } from './resources-fixtures.js';

type Rows = { rows: Record<string, unknown>[]; note?: string; confirm_token?: string };
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

  // Hosts come back in name order, not the file's.
  const hostNames = async (client: Awaited<ReturnType<typeof binClient>>) =>
    rows(await client.callTool({ name: 'read', arguments: { action: 'hosts' } })).map((r) => r.host);

  it('adds a host that hosts and test see at once, edits one field, removes it with a token, and audits each', async () => {
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
    const hosts = rows(await client.callTool({ name: 'read', arguments: { action: 'hosts' } }));
    expect(hosts).toContainEqual(
      expect.objectContaining({
        host: 'second',
        type: 'local',
        description: 'same engine, second name',
        tags: 'lab',
      }),
    );
    const test = await client.callTool({ name: 'read', arguments: { action: 'test', host: 'second' } });
    expect(rows(test)).toEqual([expect.objectContaining({ host: 'second', version: expect.any(String) })]);

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

    // Removing a profile loses it: without elicitation the first call only plans.
    const plan = await client.callTool({
      name: 'host_config',
      arguments: { action: 'remove', name: 'second' },
    });
    expect(plan.isError).toBeFalsy();
    const planned = plan.structuredContent as Rows;
    expect(planned.rows).toEqual([{ name: 'second', done: 'would remove', file: config }]);
    expect(planned.confirm_token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(await hostNames(client)).toEqual(['local', 'second']);
    expect(await readFile(config, 'utf8')).toMatch(/description: renamed/);
    const remove = await client.callTool({
      name: 'host_config',
      arguments: { action: 'remove', name: 'second', confirm_token: planned.confirm_token },
    });
    expect(remove.isError, textOf(remove)).toBeFalsy();
    expect(rows(remove)).toEqual([{ name: 'second', done: 'removed', file: config }]);
    expect(await hostNames(client)).toEqual(['local']);
    expect(await readFile(config, 'utf8')).toBe(START);
    const unknown = await client.callTool({ name: 'read', arguments: { action: 'test', host: 'second' } });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/^Unknown host 'second'/);

    // Config edits touch no engine: their host is `config`.
    const line = (action: string, outcome: string) =>
      auditEntry('host_config', action, 'second', outcome, 'config');
    expect(await auditLines(audit)).toEqual([
      line('add', 'started'),
      line('add', 'ok'),
      line('edit', 'started'),
      line('edit', 'ok'),
      line('remove', 'planned'),
      line('remove', 'started'),
      line('remove', 'ok'),
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
      [{ action: 'import', name: 'alpha' }, /^'name' does not apply to action import \(it takes: aliases\)/],
      [{ action: 'add', name: 'x', profile: { type: 'local' }, host: 'local' }, /^'host' does not apply/],
    ];
    for (const [args, message] of cases) {
      const result = await client.callTool({ name: 'host_config', arguments: args });
      expect(result.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(result)).toMatch(message);
    }
    expect(await readFile(config, 'utf8')).toBe(START);
  });

  it('removing a profile the file does not define fails at once, with no plan and no token', async () => {
    const audit = join(dir, 'audit-nope.jsonl');
    await using client = await binClient({ args: ['--config', config, '--audit-log', audit] });
    for (const extra of [{}, { dry_run: true }]) {
      const result = await client.callTool({
        name: 'host_config',
        arguments: { action: 'remove', name: 'nope', ...extra },
      });
      expect(result.isError, JSON.stringify(result.structuredContent)).toBe(true);
      expect(textOf(result)).toMatch(/defines no profile named "nope"/);
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
      arguments: { action: 'import', aliases: 'alpha' },
    });
    expect(one.isError, textOf(one)).toBeFalsy();
    expect(rows(one)).toEqual([{ name: 'alpha', done: 'imported', host: '127.0.0.1', file: config }]);
    expect(await hostNames(client)).toEqual(['alpha', 'local']);
    const alpha = rows(
      await client.callTool({ name: 'read', arguments: { action: 'hosts', host: 'alpha' } }),
    );
    expect(alpha).toEqual([
      expect.objectContaining({
        host: 'alpha',
        type: 'ssh',
        default: false,
        readOnly: false,
        description: `Imported from ${join(home, '.ssh', 'config')} (Host alpha)`,
      }),
    ]);
    const text = await readFile(config, 'utf8');
    expect(text).toMatch(/hostKeyPolicy: strict/);
    expect(text).toMatch(/port: 2222/);

    const all = await client.callTool({ name: 'host_config', arguments: { action: 'import', aliases: '*' } });
    expect(rows(all).map((r) => `${r.name}:${r.done}`)).toEqual([
      'alpha:exists, kept',
      'beta:imported',
      'gamma:imported',
    ]);
    expect(await hostNames(client)).toEqual(['alpha', 'beta', 'gamma', 'local']);

    const missing = await client.callTool({
      name: 'host_config',
      arguments: { action: 'import', aliases: 'zeta' },
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^Nothing to import.*Host zeta: no such Host entry/);
    const hostile = await client.callTool({
      name: 'host_config',
      arguments: { action: 'import', aliases: 'a;rm -rf' },
    });
    expect(hostile.isError).toBe(true);
    expect(textOf(hostile)).toMatch(/^Invalid arguments: aliases: aliases: "\*" or Host aliases "a,b"/);
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
      await client.callTool({ name: 'read', arguments: { action: 'hosts', host: 'byhand' } }),
    );
    expect(hosts).toEqual([expect.objectContaining({ host: 'byhand', readOnly: true })]);
  });
});
