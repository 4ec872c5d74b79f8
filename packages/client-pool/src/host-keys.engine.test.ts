import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  engineSuite,
  generateKeyPair,
  knownHostsLine,
  type RemoteHost,
  type SshKeyPair,
  startRemoteHost,
} from '@berth/testkit';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ClientPoolError } from './client-pool-error.js';
import { isolatedPool, remoteProfile } from './isolated-pool.test-support.js';

/** The SHA256 fingerprint as OpenSSH's own ssh-keygen prints it. */
function opensshFingerprint(publicKey: string, dir: string): string {
  const file = join(dir, `fp-${Math.random().toString(36).slice(2)}.pub`);
  writeFileSync(file, `${publicKey}\n`);
  const out = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', file], { encoding: 'utf8', shell: false });
  const fingerprint = out.stdout.split(' ')[1];
  if (!fingerprint?.startsWith('SHA256:')) throw new Error(`ssh-keygen said: ${out.stdout}${out.stderr}`);
  return fingerprint;
}

async function errorOf(promise: Promise<unknown>): Promise<ClientPoolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClientPoolError);
  return error as ClientPoolError;
}

engineSuite(
  'SSH host-key verification',
  () => {
    let remote: RemoteHost;
    let dir: string;
    let impostor: SshKeyPair;
    let realFingerprint: string;
    let impostorFingerprint: string;

    beforeAll(async () => {
      remote = await startRemoteHost();
      dir = mkdtempSync(join(tmpdir(), 'berth-hostkeys-'));
      impostor = await generateKeyPair(dir, 'impostor');
      realFingerprint = opensshFingerprint(remote.hostKey.publicKey, dir);
      impostorFingerprint = opensshFingerprint(impostor.publicKey, dir);
    });
    afterAll(async () => {
      await remote?.[Symbol.asyncDispose]();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    function knownHosts(name: string, lines: string[]): string {
      const file = join(dir, name);
      writeFileSync(file, `${lines.join('\n')}\n`);
      return file;
    }

    it('refuses a changed host key, naming both fingerprints and what to do', async () => {
      const file = knownHosts('changed', [knownHostsLine(remote.host, remote.port, impostor.publicKey)]);
      await using pool = isolatedPool({ far: remoteProfile(remote, { knownHostsFile: file }) });
      const error = await errorOf(pool.acquire('far'));
      expect(error.code).toBe('HOST_KEY_MISMATCH');
      expect(error.message).toContain(realFingerprint);
      expect(error.message).toContain(impostorFingerprint);
      expect(error.message).toMatch(/ssh-keygen -R/);
      expect(error.data).toMatchObject({
        profile: 'far',
        offeredFingerprint: realFingerprint,
        knownFingerprints: [impostorFingerprint],
      });
      // health reports the same refusal instead of throwing.
      const health = await pool.health('far');
      expect(health).toMatchObject({ ok: false, error: { code: 'HOST_KEY_MISMATCH' } });
    });

    it('refuses an unknown host in strict mode, from the profile file or ~/.ssh/known_hosts', async () => {
      const empty = knownHosts('empty', ['# nothing here']);
      await using pool = isolatedPool({
        named: remoteProfile(remote, { knownHostsFile: empty }),
        home: remoteProfile(remote, { knownHostsFile: undefined }),
      });
      const named = await errorOf(pool.acquire('named'));
      expect(named.code).toBe('HOST_KEY_UNKNOWN');
      expect(named.message).toContain(realFingerprint);
      expect(named.message).toMatch(/accept-new/);
      const home = await errorOf(pool.acquire('home'));
      expect(home.code).toBe('HOST_KEY_UNKNOWN');
      expect(home.data?.knownHostsFiles).toEqual([join(pool.dir, 'home', '.ssh', 'known_hosts')]);
    });

    it('accepts hashed known_hosts entries (ssh-keygen -H) and comma host lists', async () => {
      const hashed = knownHosts('hashed', [remote.knownHostsLine]);
      const run = spawnSync('ssh-keygen', ['-H', '-f', hashed], { encoding: 'utf8', shell: false });
      expect(run.status).toBe(0);
      expect(readFileSync(hashed, 'utf8')).toMatch(/^\|1\|/);
      const [, type, key] = remote.knownHostsLine.split(' ');
      const listed = knownHosts('listed', [`other.example,[${remote.host}]:${remote.port} ${type} ${key}`]);
      await using pool = isolatedPool({
        hashed: remoteProfile(remote, { knownHostsFile: hashed }),
        listed: remoteProfile(remote, { knownHostsFile: listed }),
      });
      expect(String(await (await pool.acquire('hashed')).docker.ping())).toBe('OK');
      expect(String(await (await pool.acquire('listed')).docker.ping())).toBe('OK');
    });

    it('refuses a key marked @revoked', async () => {
      const file = knownHosts('revoked', [remote.knownHostsLine, `@revoked * ${remote.hostKey.publicKey}`]);
      await using pool = isolatedPool({ far: remoteProfile(remote, { knownHostsFile: file }) });
      expect((await errorOf(pool.acquire('far'))).code).toBe('HOST_KEY_REVOKED');
    });

    it('accept-new pins the key on first use (0600 file), then refuses a change', async () => {
      const profile = remoteProfile(remote, { knownHostsFile: undefined, hostKeyPolicy: 'accept-new' });
      await using pool = isolatedPool({ far: profile });
      const pinFile = join(pool.dir, 'state', 'known_hosts');
      expect(String(await (await pool.acquire('far')).docker.ping())).toBe('OK');
      const pinned = readFileSync(pinFile, 'utf8');
      expect(pinned).toBe(`${remote.knownHostsLine}\n`);
      expect(statSync(pinFile).mode & 0o777).toBe(0o600);

      // Reconnecting uses the pin and does not append again.
      await pool.evict('far');
      expect(String(await (await pool.acquire('far')).docker.ping())).toBe('OK');
      expect(readFileSync(pinFile, 'utf8')).toBe(pinned);

      // The pinned key no longer matches: refused, the pin file untouched.
      const [, , realKey] = remote.knownHostsLine.split(' ');
      const [, impostorKey] = impostor.publicKey.split(' ');
      writeFileSync(pinFile, pinned.replace(realKey as string, impostorKey as string));
      await pool.evict('far');
      const error = await errorOf(pool.acquire('far'));
      expect(error.code).toBe('HOST_KEY_MISMATCH');
      expect(error.data?.knownFingerprints).toEqual([impostorFingerprint]);
      expect(readFileSync(pinFile, 'utf8')).not.toContain(realKey);
    });

    it('insecure-ignore connects to any key and logs a warning on every connect', async () => {
      const file = knownHosts('insecure', [knownHostsLine(remote.host, remote.port, impostor.publicKey)]);
      const lines: string[] = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
      await using pool = isolatedPool(
        { far: remoteProfile(remote, { knownHostsFile: file, hostKeyPolicy: 'insecure-ignore' }) },
        { logger },
      );
      await (await pool.acquire('far')).docker.ping();
      await pool.evict('far');
      await (await pool.acquire('far')).docker.ping();
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string; fingerprint: string });
      const insecure = warnings.filter((w) => w.level === 40 && w.msg.includes('INSECURE'));
      expect(insecure).toHaveLength(2);
      expect(insecure[0]?.fingerprint).toBe(realFingerprint);
    });
  },
  { timeout: 180_000 },
);
