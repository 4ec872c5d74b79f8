import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  busyboxImage,
  dockerClient,
  engineSuite,
  ensureImage,
  generateKeyPair,
  type RemoteHost,
  type SshKeyPair,
  startRemoteHost,
  testLabels,
  waitUntil,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClientPool } from './client-pool.js';
import { ClientPoolError } from './client-pool-error.js';
import { configOf, isolatedPool, remoteProfile } from './isolated-pool.test-support.js';

/** PIDs of the per-session sshd processes of `user` on the remote host. */
async function sessionPids(remote: RemoteHost, user: string): Promise<string[]> {
  const out = await remote.container.exec(['pgrep', '-f', `sshd: ${user}`]);
  return out.stdout.split('\n').filter((line) => line.trim() !== '');
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

engineSuite(
  'SSH profiles',
  () => {
    let remote: RemoteHost;
    let keyDir: string;
    /** Authorized for root, but forced to run `/bin/echo profile-b-key` with forwarding off. */
    let restrictedKey: SshKeyPair;
    /** Authorized nowhere. */
    let strangerKey: SshKeyPair;

    beforeAll(async () => {
      remote = await startRemoteHost();
      keyDir = mkdtempSync(join(tmpdir(), 'berth-keys-'));
      restrictedKey = await generateKeyPair(keyDir, 'restricted');
      strangerKey = await generateKeyPair(keyDir, 'stranger');
      remote.authorize('root', `restrict,command="/bin/echo profile-b-key" ${restrictedKey.publicKey}`);
    });
    afterAll(async () => {
      await remote?.[Symbol.asyncDispose]();
      if (keyDir) rmSync(keyDir, { recursive: true, force: true });
    });

    it('answers version() and info() from the remote engine, host key verified', async () => {
      await using pool = isolatedPool({ local: { type: 'local' }, far: remoteProfile(remote) });
      const far = await pool.acquire('far');
      expect(far.transport).toBe('ssh');
      const [remoteInfo, localInfo, version] = await Promise.all([
        far.docker.info(),
        dockerClient().info(),
        far.docker.version(),
      ]);
      expect(version.ApiVersion).toMatch(/^1\.\d+$/);
      expect(remoteInfo.ID).not.toBe(localInfo.ID);
      expect(remoteInfo.Name).not.toBe(localInfo.Name);
      const local = await pool.acquire('local');
      expect((await local.docker.info()).ID).toBe(localInfo.ID);
    });

    it('never touches the local engine on the first call of a remote profile', async () => {
      // Both the injected env and the process env point at engines that do not exist.
      const saved = process.env.DOCKER_HOST;
      process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
      try {
        await using pool = isolatedPool(
          { far: remoteProfile(remote) },
          { env: { PATH: process.env.PATH ?? '', DOCKER_HOST: 'unix:///nonexistent/docker.sock' } },
        );
        const far = await pool.acquire('far');
        const info = await far.docker.info();
        expect(info.ID).not.toBe((await dockerClient().info()).ID);
        expect((await pool.health('far')).ok).toBe(true);
      } finally {
        if (saved === undefined) delete process.env.DOCKER_HOST;
        else process.env.DOCKER_HOST = saved;
      }
    });

    /** Profile a uses the admin key; profile b the same host and user with the restricted key. */
    function twoKeyPool() {
      return isolatedPool({
        a: remoteProfile(remote),
        b: remoteProfile(remote, { identityFile: restrictedKey.privateKeyPath }),
      });
    }

    async function expectAdmin(pool: ClientPool): Promise<void> {
      const who = await pool.run('a', ['id', '-un']);
      expect(who).toMatchObject({ exitCode: 0, stdout: 'root\n' });
      const client = await pool.acquire('a');
      expect((await client.docker.version()).ApiVersion).toBeTruthy();
    }

    async function expectRestricted(pool: ClientPool): Promise<void> {
      // sshd ran the forced command, not ours: this connection authenticated with key b.
      const who = await pool.run('b', ['id', '-un']);
      expect(who).toMatchObject({ exitCode: 0, stdout: 'profile-b-key\n' });
      const client = await pool.acquire('b');
      await expect(client.docker.version()).rejects.toThrow();
    }

    it('gives two profiles for the same host their own connections and keys (a first)', async () => {
      await using pool = twoKeyPool();
      await expectAdmin(pool);
      await expectRestricted(pool);
      await expectAdmin(pool);
    });

    it('gives two profiles for the same host their own connections and keys (b first)', async () => {
      await using pool = twoKeyPool();
      await expectRestricted(pool);
      await expectAdmin(pool);
      await expectRestricted(pool);
    });

    it('gives two profiles for the same host their own connections and keys (concurrently)', async () => {
      await using pool = twoKeyPool();
      await Promise.all([
        expectAdmin(pool),
        expectRestricted(pool),
        expectAdmin(pool),
        expectRestricted(pool),
      ]);
    });

    it('reports AUTH_FAILED for a key the host does not accept, naming the user', async () => {
      await using pool = isolatedPool({
        c: remoteProfile(remote, { identityFile: strangerKey.privateKeyPath }),
      });
      const error = await errorOf(pool.acquire('c'));
      expect(error).toBeInstanceOf(ClientPoolError);
      expect(error).toMatchObject({ code: 'AUTH_FAILED', data: { profile: 'c', port: remote.port } });
      expect((error as Error).message).toContain('"root"');
    });

    it('reconnects transparently after the SSH session is killed mid-session', async () => {
      await using pool = isolatedPool({ far: remoteProfile(remote, { user: 'berth' }) });
      const far = await pool.acquire('far');
      expect((await far.docker.version()).ApiVersion).toBeTruthy();
      const inFlight = errorOf(pool.run('far', ['sleep', '30']));
      await waitUntil(
        'the command session is open',
        async () => (await sessionPids(remote, 'berth')).length > 0,
        {
          timeoutMs: 10_000,
          intervalMs: 100,
        },
      );
      const before = await sessionPids(remote, 'berth');
      // Kills the per-connection sshd processes (the listener is `sshd -D -e` and survives).
      const killed = await remote.container.exec(['pkill', '-f', 'sshd: berth']);
      expect(killed.exitCode).toBe(0);
      // The command that was running reports the lost connection instead of hanging.
      expect(await inFlight).toMatchObject({ code: 'UNREACHABLE' });
      // The same client object keeps working: the next call reconnects.
      expect((await far.docker.version()).ApiVersion).toBeTruthy();
      expect(await pool.run('far', ['echo', 'back'])).toMatchObject({ exitCode: 0, stdout: 'back\n' });
      const after = await sessionPids(remote, 'berth');
      expect(after.length).toBeGreaterThan(0);
      expect(after.filter((pid) => before.includes(pid))).toEqual([]);
    });

    it('shares one reconnect among concurrent callers', async () => {
      await using pool = isolatedPool({ far: remoteProfile(remote, { user: 'berth' }) });
      const far = await pool.acquire('far');
      await far.docker.ping();
      await remote.container.exec(['pkill', '-f', 'sshd: berth']);
      await waitUntil('the session is gone', async () => (await sessionPids(remote, 'berth')).length === 0, {
        timeoutMs: 10_000,
        intervalMs: 100,
      });
      const results = await Promise.all(Array.from({ length: 8 }, () => far.docker.ping()));
      expect(results.map(String)).toEqual(Array(8).fill('OK'));
      // One sshd session process pair per connection: [priv] and the user process.
      const pids = await sessionPids(remote, 'berth');
      expect(pids.length).toBeLessThanOrEqual(2);
    });

    it('reconcile evicts only the profile that changed; the others keep their connection', async () => {
      await using pool = isolatedPool({
        local: { type: 'local' },
        far: remoteProfile(remote),
        far2: remoteProfile(remote, { user: 'berth' }),
        gone: remoteProfile(remote),
      });
      const local = await pool.acquire('local');
      const far = await pool.acquire('far');
      const far2 = await pool.acquire('far2');
      const gone = await pool.acquire('gone');
      await far.docker.ping();
      const evicted = await pool.reconcile(
        configOf({
          local: { type: 'local' },
          // Same values, other key order: not a change.
          far: { ...remoteProfile(remote), connectTimeoutMs: 10_000, type: 'ssh' } as never,
          far2: remoteProfile(remote, { user: 'berth', timeoutMs: 5_000 }),
        }),
      );
      expect(evicted.sort()).toEqual(['far2', 'gone']);
      expect(await pool.acquire('local')).toBe(local);
      expect(await pool.acquire('far')).toBe(far);
      expect((await far.docker.version()).ApiVersion).toBeTruthy();
      const newFar2 = await pool.acquire('far2');
      expect(newFar2).not.toBe(far2);
      expect(newFar2.timeoutMs).toBe(5_000);
      expect((await newFar2.docker.version()).ApiVersion).toBeTruthy();
      // The evicted client is closed for good, and the removed profile is unknown.
      await expect(far2.docker.version()).rejects.toMatchObject({ code: 'CLOSED' });
      await expect(gone.docker.ping()).rejects.toMatchObject({ code: 'CLOSED' });
      await expect(pool.acquire('gone')).rejects.toMatchObject({ code: 'UNKNOWN_PROFILE' });
    });

    it('closes an idle SSH client, and an evicted client says CLOSED', async () => {
      await using pool = isolatedPool(
        { far: remoteProfile(remote, { user: 'berth' }) },
        { idleTimeoutMs: 300 },
      );
      const far = await pool.acquire('far');
      await far.docker.ping();
      expect((await sessionPids(remote, 'berth')).length).toBeGreaterThan(0);
      await waitUntil(
        'the idle connection is closed',
        async () => (await sessionPids(remote, 'berth')).length === 0,
        {
          timeoutMs: 15_000,
          intervalMs: 200,
        },
      );
      await expect(far.docker.ping()).rejects.toMatchObject({ code: 'CLOSED' });
      const again = await pool.acquire('far');
      expect(again).not.toBe(far);
      expect(String(await again.docker.ping())).toBe('OK');
    });

    it('carries a hijacked Docker exec stream over the SSH channel', async () => {
      const { tag } = await ensureImage(busyboxImage);
      await remote.loadImage(tag);
      await using pool = isolatedPool({ far: remoteProfile(remote) });
      const far = await pool.acquire('far');
      const container = await far.docker.createContainer({
        Image: tag,
        Cmd: ['sleep', '60'],
        Labels: testLabels(),
      });
      try {
        await container.start();
        const exec = await container.exec({
          Cmd: ['sh', '-c', 'read line; echo "got $line"; echo oops >&2'],
          AttachStdin: true,
          AttachStdout: true,
          AttachStderr: true,
        });
        const stream = await exec.start({ hijack: true, stdin: true });
        const stdout = new PassThrough();
        const stderr = new PassThrough();
        far.docker.modem.demuxStream(stream, stdout, stderr);
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        stdout.on('data', (c: Buffer) => out.push(c));
        stderr.on('data', (c: Buffer) => err.push(c));
        stream.write('hello over ssh\n');
        await new Promise((resolve) => stream.on('end', resolve));
        expect(Buffer.concat(out).toString()).toBe('got hello over ssh\n');
        expect(Buffer.concat(err).toString()).toBe('oops\n');
        expect((await exec.inspect()).ExitCode).toBe(0);
      } finally {
        await container.remove({ force: true });
      }
    });

    it('fails with CLOSED after dispose', async () => {
      const pool = isolatedPool({ far: remoteProfile(remote) });
      const far = await pool.acquire('far');
      await pool[Symbol.asyncDispose]();
      await expect(far.docker.ping()).rejects.toBeInstanceOf(ClientPoolError);
      await expect(pool.acquire('far')).rejects.toMatchObject({ code: 'CLOSED' });
    });
  },
  { timeout: 180_000 },
);
