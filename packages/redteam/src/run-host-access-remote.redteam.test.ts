import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  busyboxImage,
  engineSuite,
  ensureImage,
  type RemoteHost,
  startRemoteHost,
  testLabels,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackClient, attackClient } from './bin.test-support.js';

type Out = { rows?: Record<string, unknown>[]; confirm_token?: string };

/**
 * On a remote engine a bind names that host's paths, which this machine cannot look at:
 * the check runs on the far side (over the SSH connection), so a symlink planted inside a
 * root still counts as where it leads.
 */
engineSuite(
  'run: binds on an SSH remote are judged by the remote host’s own paths',
  () => {
    let remote: RemoteHost;
    let image: string;
    let dir: string;
    let config: string;
    let seq = 0;

    beforeAll(async () => {
      image = (await ensureImage(busyboxImage)).tag;
      remote = await startRemoteHost();
      await remote.loadImage(image);
      // A folder inside the root on the remote, and a link in it that leads to the remote's /.
      const setup = await remote.ssh(['sh', '-c', 'mkdir -p /srv/apps/data && ln -s / /srv/apps/escape']);
      expect(setup.exitCode, setup.stderr).toBe(0);
      dir = await mkdtemp(join(tmpdir(), 'berth-run-remote-'));
      config = join(dir, 'berth.yaml');
      const common = { bindRoots: ['/srv/apps'], timeoutMs: 20_000, connectTimeoutMs: 5000 };
      await writeFile(
        config,
        [
          'profiles:',
          '  local:',
          '    type: local',
          `  remote: ${JSON.stringify(remote.sshProfile(common))}`,
          `  remote-open: ${JSON.stringify(remote.sshProfile({ ...common, allowHostAccess: true }))}`,
          '',
        ].join('\n'),
      );
    }, 300_000);
    afterAll(async () => {
      await remote?.[Symbol.asyncDispose]();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const start = () =>
      attackClient({
        args: ['--config', config, '--audit-log', join(dir, 'audit.jsonl')],
        env: { HOME: dir, XDG_STATE_HOME: join(dir, 'state') },
      });

    const existsOnRemote = async (name: string) => {
      const ps = await remote.ssh(['docker', 'ps', '-aq', '--filter', `name=^/${name}$`]);
      expect(ps.exitCode, ps.stderr).toBe(0);
      return ps.stdout.trim() !== '';
    };

    const run = async (client: AttackClient, host: string, volumes: string[]) => {
      const name = `berth-redteam-rrun-${process.pid}-${++seq}`;
      const result = await client.call('create', {
        action: 'run',
        host,
        image,
        name,
        cmd: ['sleep', '60'],
        labels: testLabels(),
        volumes,
      });
      return { name, result, out: result.structured as Out | undefined };
    };

    const risky = [
      ['/:/host:ro'],
      ['/var/run/docker.sock:/var/run/docker.sock'],
      ['/srv/apps/escape/etc:/x:ro'],
      ['/srv/apps/escape:/x:ro'],
    ];

    it('outside the roots, the socket and a planted link: refused when locked, planned when allowed', async () => {
      await using client = await start();
      for (const volumes of risky) {
        const locked = await run(client, 'remote', volumes);
        expect(locked.result.isError, `${volumes}: ${locked.result.text}`).toBe(true);
        expect(locked.result.text).toMatch(/allowHostAccess/);
        expect(await existsOnRemote(locked.name)).toBe(false);
        const open = await run(client, 'remote-open', volumes);
        expect(open.result.isError, open.result.text).toBe(false);
        expect(open.out?.confirm_token).toEqual(expect.any(String));
        expect(await existsOnRemote(open.name)).toBe(false);
      }
    });

    it('a bind inside the root runs at once', async () => {
      await using client = await start();
      const { name, result, out } = await run(client, 'remote', ['/srv/apps/data:/data']);
      expect(result.isError, result.text).toBe(false);
      expect(out?.confirm_token).toBeUndefined();
      expect(await existsOnRemote(name)).toBe(true);
    });
  },
  { timeout: 300_000 },
);
