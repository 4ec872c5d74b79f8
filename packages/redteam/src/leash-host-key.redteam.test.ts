import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  engineSuite,
  generateKeyPair,
  knownHostsLine,
  type RemoteHost,
  startRemoteHost,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attackClient } from './bin.test-support.js';

/**
 * A host whose key changed is fixed by a person. The agent, told the key changed, must not
 * be able to get past it by loosening the profile (accept-new, another known_hosts file)
 * or by adding a second profile for the same host; and the error tells the person how.
 */
engineSuite(
  'leash: a changed SSH host key cannot be waved through by the agent',
  () => {
    let remote: RemoteHost;
    let dir: string;
    let config: string;
    let original: string;
    let changed: string;
    let changedText: string;

    beforeAll(async () => {
      remote = await startRemoteHost();
      dir = await mkdtemp(join(tmpdir(), 'berth-leash-key-'));
      await mkdir(join(dir, 'home', '.ssh'), { recursive: true });
      await writeFile(join(dir, 'home', '.ssh', 'known_hosts'), '');
      const impostor = await generateKeyPair(dir, 'impostor');
      // What a reinstalled host (or a man in the middle) looks like: the pinned key is another.
      changed = join(dir, 'known_hosts');
      changedText = `${knownHostsLine(remote.host, remote.port, impostor.publicKey)}\n`;
      await writeFile(changed, changedText);
      const profile = remote.sshProfile({ knownHostsFile: changed, timeoutMs: 8000, connectTimeoutMs: 5000 });
      config = join(dir, 'berth.yaml');
      original = `profiles:\n  local:\n    type: local\n  remote: ${JSON.stringify(profile)}\n`;
      await writeFile(config, original);
    }, 300_000);
    afterAll(async () => {
      await remote?.[Symbol.asyncDispose]();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('edit to accept-new or another known_hosts is refused, nothing is pinned, and the error says how a person fixes it', async () => {
      await using client = await attackClient({
        args: ['--config', config, '--audit-log', join(dir, 'audit.jsonl')],
        env: { HOME: join(dir, 'home'), XDG_STATE_HOME: join(dir, 'state') },
      });
      const expectMismatch = async () => {
        const engine = await client.call('read', { action: 'engine', host: 'remote' });
        expect(engine.isError, engine.text).toBe(true);
        expect(engine.text).toMatch(/HOST KEY CHANGED/);
        return engine.text;
      };
      const first = await expectMismatch();
      // The person's fix, exactly: which file and line, the ssh-keygen -R for this host and port.
      expect(first).toContain(`ssh-keygen -R '[${remote.host}]:${remote.port}' -f ${changed}`);
      expect(first).toMatch(/\(line 1 pins SHA256:/);
      expect(first).toMatch(/A person must check the offered key ssh-ed25519 SHA256:\S+ out of band/);
      expect(first).not.toMatch(/accept-new|insecure|hostKeyPolicy|knownHostsFile/);

      const edits: Record<string, unknown>[] = [
        { hostKeyPolicy: 'accept-new' },
        { hostKeyPolicy: 'accept-new', knownHostsFile: null },
        { knownHostsFile: null },
        { knownHostsFile: join(dir, 'fresh_known_hosts') },
        { hostKeyPolicy: 'insecure-ignore' },
      ];
      for (const profile of edits) {
        const edit = await client.call('host_config', { action: 'edit', name: 'remote', profile });
        expect(edit.isError, `${JSON.stringify(profile)}: ${edit.text}`).toBe(true);
      }
      // A second profile for the same host may not pin on first use either.
      const twins: Record<string, unknown>[] = [
        { ...remote.sshProfile({ hostKeyPolicy: 'accept-new' }), knownHostsFile: undefined },
        remote.sshProfile({ hostKeyPolicy: 'accept-new', knownHostsFile: join(dir, 'fresh_known_hosts') }),
      ];
      for (const profile of twins) {
        const add = await client.call('host_config', { action: 'add', name: 'remote-again', profile });
        expect(add.isError, add.text).toBe(true);
      }

      expect(await readFile(config, 'utf8')).toBe(original);
      expect(await readFile(changed, 'utf8')).toBe(changedText);
      expect(existsSync(join(dir, 'state', 'berth', 'known_hosts'))).toBe(false);
      expect(existsSync(join(dir, 'fresh_known_hosts'))).toBe(false);
      await expectMismatch();
    });
  },
  { timeout: 300_000 },
);
