import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerClient, engineSuite, testLabels } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackClient, attackClient } from './bin.test-support.js';

type Out = { rows?: Record<string, unknown>[] };
const rowsOf = (structured: unknown) => (structured as Out | undefined)?.rows ?? [];

/**
 * The agent holds host_config, the tool that edits the very profiles which restrain it.
 * Through it, a profile's safety fields may be tightened, never loosened, and a new
 * profile for an engine a read-only profile reaches is read-only too.
 */
engineSuite('leash: the agent cannot loosen a profile through host_config', () => {
  let dir: string;
  let config: string;
  let original: string;
  const volumes: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-leash-'));
    await mkdir(join(dir, 'home'));
    await writeFile(join(dir, 'ca.pem'), 'not checked before a connection\n');
    await writeFile(join(dir, 'other-ca.pem'), 'a CA the agent chose\n');
    config = join(dir, 'berth.yaml');
    // 192.0.2.0/24 is documentation space: these profiles are written and read, never dialled.
    original = [
      'defaultProfile: prod',
      'profiles:',
      '  prod:',
      '    type: local',
      '    readOnly: true',
      '  elsewhere:',
      '    type: tcp',
      '    host: 192.0.2.10',
      '    port: 2375',
      '  guarded:',
      '    type: tcp',
      '    host: 192.0.2.11',
      '    port: 2376',
      `    tls: { ca: ${join(dir, 'ca.pem')}, verify: true }`,
      '    bindRoots: [/srv]',
      '',
    ].join('\n');
    await writeFile(config, original);
  });
  afterAll(async () => {
    for (const name of volumes) {
      await dockerClient()
        .getVolume(name)
        .remove()
        .catch(() => {});
    }
    await rm(dir, { recursive: true, force: true });
  });

  const start = () =>
    attackClient({
      args: ['--config', config, '--audit-log', join(dir, 'audit.jsonl')],
      env: { HOME: join(dir, 'home'), XDG_STATE_HOME: join(dir, 'state') },
    });

  const readOnlyOf = async (client: AttackClient, host: string) => {
    const hosts = await client.call('read', { action: 'hosts', host });
    expect(hosts.isError, hosts.text).toBe(false);
    return rowsOf(hosts.structured)[0]?.readOnly;
  };

  /** A mutating call on `host`: refused as read-only, and no volume appears on the engine. */
  const expectWriteRefused = async (client: AttackClient, host: string) => {
    const name = `berth-leash-${host}-${process.pid}`;
    volumes.push(name);
    const made = await client.call('create', { action: 'volume', host, name, labels: testLabels() });
    expect(made.isError, made.text).toBe(true);
    expect(made.text).toMatch(/read-only/);
    const found = await dockerClient().listVolumes({ filters: { name: [name] } });
    expect(found.Volumes ?? []).toEqual([]);
  };

  it('edit of a read-only profile to writable is refused, and the profile stays read-only', async () => {
    await using client = await start();
    for (const profile of [{ readOnly: false }, { readOnly: null }, { readOnly: false, description: 'x' }]) {
      const edit = await client.call('host_config', { action: 'edit', name: 'prod', profile });
      expect(edit.isError, `${JSON.stringify(profile)}: ${edit.text}`).toBe(true);
      expect(edit.text).toMatch(/readOnly/);
      expect(edit.text).toMatch(/config file/);
    }
    expect(await readFile(config, 'utf8')).toBe(original);
    expect(await readOnlyOf(client, 'prod')).toBe(true);
    await expectWriteRefused(client, 'prod');
    // Tightening and harmless fields still go through.
    const ok = await client.call('host_config', {
      action: 'edit',
      name: 'prod',
      profile: { description: 'production', readOnly: true },
    });
    expect(ok.isError, ok.text).toBe(false);
    expect(await readOnlyOf(client, 'prod')).toBe(true);
    await writeFile(config, original);
  });

  it('a new profile for the engine a read-only profile reaches is read-only, whatever it asks for', async () => {
    await using client = await start();
    const twins: [string, Record<string, unknown>][] = [
      ['prod-rw', { type: 'local' }],
      ['prod-sock', { type: 'local', socketPath: '/run/docker.sock', readOnly: false }],
      ['prod-tcp', { type: 'tcp', host: 'localhost', port: 2375, readOnly: false }],
    ];
    for (const [name, profile] of twins) {
      const add = await client.call('host_config', { action: 'add', name, profile });
      expect(add.isError, add.text).toBe(false);
      expect(rowsOf(add.structured)[0]?.done).toMatch(/read-only/);
      expect(await readOnlyOf(client, name)).toBe(true);
    }
    await expectWriteRefused(client, 'prod-rw');
    // Pointing a writable profile at that engine makes it read-only too.
    const moved = await client.call('host_config', {
      action: 'edit',
      name: 'elsewhere',
      profile: { host: '127.0.0.1' },
    });
    expect(moved.isError, moved.text).toBe(false);
    expect(await readOnlyOf(client, 'elsewhere')).toBe(true);
    await writeFile(config, original);
  });

  it('the other safety fields only tighten, on edit and on add', async () => {
    await using client = await start();
    const loosen: Record<string, unknown>[] = [
      { tls: { verify: false } },
      { tls: null },
      { tls: { ca: join(dir, 'other-ca.pem') } },
      { confirm: false },
      { allowHostAccess: true },
      { bindRoots: ['/'] },
      { bindRoots: ['/srv', '/etc'] },
      { type: 'local' },
    ];
    for (const profile of loosen) {
      const edit = await client.call('host_config', { action: 'edit', name: 'guarded', profile });
      expect(edit.isError, `${JSON.stringify(profile)}: ${edit.text}`).toBe(true);
    }
    const remote = { type: 'tcp', host: '192.0.2.12', port: 2376 };
    const adds: Record<string, unknown>[] = [
      { ...remote, allowHostAccess: true },
      { ...remote, confirm: false },
      { ...remote, bindRoots: ['/'] },
      { ...remote, tls: { ca: join(dir, 'ca.pem'), verify: false } },
      { type: 'ssh', host: '192.0.2.13', user: 'u', agent: true, knownHostsFile: join(dir, 'kh') },
    ];
    for (const profile of adds) {
      const add = await client.call('host_config', { action: 'add', name: 'fresh', profile });
      expect(add.isError, `${JSON.stringify(profile)}: ${add.text}`).toBe(true);
    }
    expect(await readFile(config, 'utf8')).toBe(original);
    const tighter = await client.call('host_config', {
      action: 'edit',
      name: 'guarded',
      profile: { bindRoots: ['/srv/app'], confirm: true },
    });
    expect(tighter.isError, tighter.text).toBe(false);
    expect(await readFile(config, 'utf8')).toMatch(/\/srv\/app/);
    await writeFile(config, original);
  });
});
