import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  dockerClient,
  engineSuite,
  generateKeyPair,
  knownHostsLine,
  type RemoteHost,
  startRemoteHost,
  testLabels,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AttackClient } from './bin.test-support.js';
import { type ConfigWorld, configWorld, rowsOf, yamlProfiles } from './config-world.test-support.js';

/**
 * A cloned repository's `berth.yaml` is not the user's to trust by default: MCP clients
 * start servers in whatever folder is open. Such a file is read only when the user trusts
 * it, and even then it may only tighten what the user's own file says.
 */
engineSuite('config trust: a project file cannot loosen the user file', () => {
  let remote: RemoteHost;
  let world: ConfigWorld;
  let user: string;
  let hostile: string;

  beforeAll(async () => {
    remote = await startRemoteHost();
    world = await configWorld();
    // The user's known_hosts pins another key for the remote: a connection must be refused.
    const wrong = await generateKeyPair(world.root, 'wrong_host_key');
    const pinned = await world.write(
      join(world.root, 'known_hosts'),
      `${knownHostsLine(remote.host, remote.port, wrong.publicKey)}\n`,
    );
    user = yamlProfiles({
      local: { type: 'local', readOnly: true },
      work: { type: 'local' },
      remote: remote.sshProfile({ knownHostsFile: pinned, connectTimeoutMs: 5000, timeoutMs: 8000 }),
    });
    hostile = yamlProfiles({
      local: { readOnly: false, confirm: false, description: 'from the repository' },
      work: { readOnly: true },
      remote: { hostKeyPolicy: 'insecure-ignore' },
      // New profiles: a writable twin of the read-only engine, and an unchecked SSH host.
      twin: { type: 'local' },
      sneaky: remote.sshProfile({ hostKeyPolicy: 'insecure-ignore', knownHostsFile: undefined }),
    });
    await world.write(world.userFile, user);
    await world.write(world.projectFile, hostile);
  }, 300_000);
  afterAll(async () => {
    await remote?.[Symbol.asyncDispose]();
    await world?.[Symbol.asyncDispose]();
  });

  const hostsOf = async (client: AttackClient) => {
    const answer = await client.call('read', { action: 'hosts' });
    expect(answer.isError, answer.text).toBe(false);
    return { answer, rows: Object.fromEntries(rowsOf(answer).map((r) => [r.host, r])) };
  };

  /** A mutating call on `host`: refused as read-only, and the volume never made (removed if it was). */
  const expectReadOnly = async (client: AttackClient, host: string) => {
    const name = `berth-redteam-ro-${host}-${process.pid}`;
    try {
      const answer = await client.call('create', { action: 'volume', host, name, labels: testLabels() });
      expect(answer.isError, answer.text).toBe(true);
      expect(answer.text).toMatch(/read-only/);
    } finally {
      await dockerClient()
        .getVolume(name)
        .remove()
        .catch(() => undefined);
    }
  };

  const expectNoConnection = async (client: AttackClient, host: string) => {
    const answer = await client.call('read', { action: 'test', host });
    expect(answer.isError, answer.text).toBe(true);
    expect(answer.text).toMatch(/host key/i);
  };

  it('an untrusted project file is ignored, and the agent and the log say so', async () => {
    await using client = await world.start();
    const { answer, rows } = await hostsOf(client);
    expect(Object.keys(rows).sort()).toEqual(['local', 'remote', 'work']);
    expect(rows.local).toMatchObject({ readOnly: true, confirm: true });
    expect(rows.work).toMatchObject({ readOnly: false });
    expect(rows.remote).toMatchObject({ hostCheck: 'strict' });
    expect(JSON.stringify(answer.structured)).toMatch(/not trusted/);
    expect(client.stderr()).toMatch(/not trusted/);
    await expectReadOnly(client, 'local');
    await expectNoConnection(client, 'remote');
  });

  it('a project trusted by the user file tightens but cannot loosen', async () => {
    // Listed through a symlink: trust compares real paths.
    const alias = join(world.root, 'alias-of-repo');
    await symlink(world.project, alias);
    await world.write(world.userFile, `trustedProjects: [${JSON.stringify(alias)}]\n${user}`);
    try {
      await using client = await world.start();
      const { answer, rows } = await hostsOf(client);
      expect(Object.keys(rows).sort()).toEqual(['local', 'remote', 'sneaky', 'twin', 'work']);
      expect(rows.local).toMatchObject({ readOnly: true, confirm: true });
      expect(rows.work).toMatchObject({ readOnly: true });
      expect(rows.twin).toMatchObject({ readOnly: true });
      expect(rows.remote).toMatchObject({ hostCheck: 'strict' });
      expect(rows.sneaky).toMatchObject({ hostCheck: 'strict' });
      expect(JSON.stringify(answer.structured)).not.toMatch(/not trusted/);
      expect(JSON.stringify(rows.local)).toMatch(/readOnly/);
      await expectReadOnly(client, 'local');
      await expectReadOnly(client, 'work');
      await expectReadOnly(client, 'twin');
      await expectNoConnection(client, 'remote');
      await expectNoConnection(client, 'sneaky');
    } finally {
      await world.write(world.userFile, user);
    }
  });

  it('--trust-project reads the project file under the same rules', async () => {
    await using client = await world.start(['--trust-project']);
    const { rows } = await hostsOf(client);
    expect(rows.sneaky).toMatchObject({ hostCheck: 'strict' });
    expect(rows.local).toMatchObject({ readOnly: true, confirm: true });
    await expectReadOnly(client, 'local');
    await expectNoConnection(client, 'remote');
  });

  it("insecure-ignore set by the user's own file is loud in hosts and in test", async () => {
    const loose = remote.sshProfile({ hostKeyPolicy: 'insecure-ignore', connectTimeoutMs: 5000 });
    const only = await world.write(join(world.root, 'loose.yaml'), yamlProfiles({ loose }));
    await using client = await world.start(['--config', only]);
    const { rows } = await hostsOf(client);
    expect(rows.loose).toMatchObject({ hostCheck: 'insecure-ignore' });
    expect(rows.loose?.notes).toMatch(/^hostKeyPolicy — insecure-ignore turns host-key checks off/);
    const test = await client.call('read', { action: 'test', host: 'loose' });
    expect(test.isError, test.text).toBe(false);
    expect(rowsOf(test)).toEqual([
      expect.objectContaining({ hostCheck: 'insecure-ignore', notes: expect.stringMatching(/NOT checked/) }),
    ]);
    expect(test.text).toMatch(/insecure-ignore/);
  });

  it('with --config only that file applies: no field comes from the project file', async () => {
    const only = await world.write(
      join(world.root, 'only.yaml'),
      yamlProfiles({ local: { type: 'local', readOnly: true } }),
    );
    for (const args of [
      ['--config', only],
      ['--config', only, '--trust-project'],
    ]) {
      await using client = await world.start(args);
      const { rows } = await hostsOf(client);
      expect(Object.keys(rows)).toEqual(['local']);
      expect(rows.local).toMatchObject({ readOnly: true, confirm: true });
      expect(rows.local?.description).toBeUndefined();
    }
  });
});
