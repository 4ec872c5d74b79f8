import { lstat, mkdir, readFile, rm, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { engineSuite, type RemoteHost, startRemoteHost } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConfigWorld, configWorld, rowsOf, yamlProfiles } from './config-world.test-support.js';

const CANARY = 'CANARYxq7';
// /etc/shadow's format: every line ends in ':', so YAML reads each one as a mapping key.
const SHADOW = [
  `root:$6$${CANARY}salt$${CANARY}hashAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:19700:0:99999:7:::`,
  'daemon:*:19700:0:99999:7:::',
  `berth:$y$j9T$${CANARY}salt2$${CANARY}hashBBBBBBBBBBBBBBBBBBBBBBBBBBBB:19700:0:99999:7:::`,
  '',
].join('\n');

/**
 * Config files are read from places an attacker may shape (a symlink in a cloned repo, a
 * swapped known_hosts): berth reads only what is its own, echoes none of the rest, writes
 * only to a regular file the user owns, and refuses files too large to read at once.
 */
engineSuite('config files: only berth-shaped, bounded, regular files', () => {
  let remote: RemoteHost;
  let world: ConfigWorld;
  let shadow: string;

  beforeAll(async () => {
    remote = await startRemoteHost();
    world = await configWorld();
    shadow = await world.write(join(world.root, 'etc', 'shadow'), SHADOW);
  }, 300_000);
  afterAll(async () => {
    await remote?.[Symbol.asyncDispose]();
    await world?.[Symbol.asyncDispose]();
  });

  const reset = async () => {
    await rm(world.userFile, { force: true });
    await rm(world.projectFile, { force: true });
  };

  it('a shadow file behind a symlink is refused, echoed nowhere, and never written to', async () => {
    await reset();
    await mkdir(dirname(world.userFile), { recursive: true });
    await symlink(shadow, world.userFile);
    await symlink(shadow, world.projectFile);
    for (const args of [[], ['--trust-project']]) {
      await using client = await world.start(['--log-level', 'trace', ...args]);
      const hosts = await client.call('read', { action: 'hosts' });
      expect(hosts.isError, hosts.text).toBe(true);
      expect(hosts.text).toMatch(/not a berth config/);
      const add = await client.call('host_config', {
        action: 'add',
        name: 'planted',
        profile: { type: 'local' },
      });
      expect(add.isError, add.text).toBe(true);
      const answers = JSON.stringify([hosts, add]);
      expect(answers).not.toContain(CANARY);
      expect(client.stderr()).not.toContain(CANARY);
      expect(client.stderr()).not.toContain('daemon:*');
    }
    expect(await readFile(shadow, 'utf8')).toBe(SHADOW);
    expect((await lstat(world.userFile)).isSymbolicLink()).toBe(true);
  });

  it('host_config never writes through a symlink, even to a valid config', async () => {
    await reset();
    const dotfile = await world.write(
      join(world.root, 'dotfiles', 'berth.yaml'),
      'profiles:\n  local: { type: local }\n',
    );
    const before = await readFile(dotfile, 'utf8');
    await symlink(dotfile, world.userFile);
    await using client = await world.start();
    const hosts = await client.call('read', { action: 'hosts' });
    expect(hosts.isError, hosts.text).toBe(false);
    const add = await client.call('host_config', {
      action: 'add',
      name: 'planted',
      profile: { type: 'local' },
    });
    expect(add.isError, add.text).toBe(true);
    expect(add.text).toMatch(/symlink/);
    expect(await readFile(dotfile, 'utf8')).toBe(before);
    expect((await lstat(world.userFile)).isSymbolicLink()).toBe(true);
  });

  it('knownHostsFile /dev/zero is refused at load, and a known_hosts swapped for it at connect', async () => {
    await reset();
    const knownHosts = await world.write(
      join(world.root, 'ssh', 'known_hosts'),
      `${remote.knownHostsLine}\n`,
    );
    await world.write(
      world.userFile,
      yamlProfiles({
        zero: remote.sshProfile({ knownHostsFile: '/dev/zero', connectTimeoutMs: 5000 }),
      }),
    );
    {
      await using client = await world.start();
      const test = await client.call('read', { action: 'test', host: 'zero' });
      expect(test.isError, test.text).toBe(true);
      expect(test.text).toMatch(/knownHostsFile: not a regular file: \/dev\/zero/);
    }
    await world.write(
      world.userFile,
      yamlProfiles({ swap: remote.sshProfile({ knownHostsFile: knownHosts, connectTimeoutMs: 5000 }) }),
    );
    await using client = await world.start();
    const hosts = await client.call('read', { action: 'hosts' });
    expect(hosts.isError, hosts.text).toBe(false);
    // Loaded and valid; now the file it names becomes a device.
    await rm(knownHosts);
    await symlink('/dev/zero', knownHosts);
    const test = await client.call('read', { action: 'test', host: 'swap' });
    expect(test.isError, test.text).toBe(true);
    expect(test.text).toMatch(/not a regular file/);
  });

  it('a 5 MB file of 200,000 profiles is refused before it is parsed', async () => {
    await reset();
    const lines = Array.from({ length: 200_000 }, (_, i) => `  p${i}: {type: local}`);
    await world.write(world.userFile, `profiles:\n${lines.join('\n')}\n`);
    await using client = await world.start();
    const hosts = await client.call('read', { action: 'hosts' });
    expect(hosts.isError, hosts.text).toBe(true);
    expect(hosts.text).toMatch(/larger than the 1 MiB/);
  });

  it('a file of more profiles than berth serves is refused with the limit', async () => {
    await reset();
    const lines = Array.from({ length: 2_000 }, (_, i) => `  p${i}: {type: local}`);
    await world.write(world.userFile, `profiles:\n${lines.join('\n')}\n`);
    await using client = await world.start();
    const hosts = await client.call('read', { action: 'hosts' });
    expect(hosts.isError, hosts.text).toBe(true);
    expect(hosts.text).toMatch(/2000 profiles; at most 1000/);
    expect(rowsOf(hosts)).toEqual([]);
  });
});
