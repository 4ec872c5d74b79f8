import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '@berth/errors';
import {
  busyboxImage,
  engineSuite,
  ensureImage,
  type RemoteHost,
  startRemoteHost,
  testLabels,
  waitUntil,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jsonOf } from './output-schemas.js';
import { binEnv, runBin } from './run-bin.js';

engineSuite('berth CLI on an SSH remote host beside the local engine', () => {
  let remote: RemoteHost;
  let home: string;
  let config: string;
  let image: string;
  const name = `berth-cli-remote-${process.pid}`;
  const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['-l', `${k}=${v}`]);
  const berth = (argv: string[]) => runBin(['--config', config, ...argv], { env: binEnv(home) });

  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    remote = await startRemoteHost();
    await remote.loadImage(image);
    home = await mkdtemp(join(tmpdir(), 'berth-cli-remote-'));
    config = join(home, 'berth.yaml');
    const profile = remote.sshProfile({ timeoutMs: 10_000, connectTimeoutMs: 5000 });
    // Same host, a known_hosts file that does not know its key: strict checking refuses it.
    const emptyKnownHosts = join(home, 'known_hosts');
    await writeFile(emptyKnownHosts, '');
    const unknown = { ...profile, knownHostsFile: emptyKnownHosts };
    await writeFile(
      config,
      `profiles:\n  local:\n    type: local\n  remote: ${JSON.stringify(profile)}\n  unknownkey: ${JSON.stringify(unknown)}\ndefaultProfile: local\n`,
    );
  }, 300_000);
  afterAll(async () => {
    await remote?.[Symbol.asyncDispose]();
    await rm(home, { recursive: true, force: true });
  });

  it('runs, lists, reads the logs of and removes a container on the remote over SSH', async () => {
    const run = await berth([
      '--host',
      'remote',
      'run',
      '--name',
      name,
      ...labels,
      image,
      '--',
      'sh',
      '-c',
      'echo from-remote; exec sleep 300',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const both = jsonOf('read', (await berth(['--host', '*', 'ps', '--json'])).stdout);
    expect(both.rows).toContainEqual(expect.objectContaining({ host: 'remote', name }));
    expect(both.errors?.map((e) => e.host)).toEqual(['unknownkey']);
    const table = await berth(['-H', 'local', '-H', 'remote', 'ps']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^HOST\s+NAME/);
    expect(table.stdout).toMatch(new RegExp(`remote\\s+${name}`));
    await waitUntil(
      'remote log',
      async () => (await berth(['--host', 'remote', 'logs', name])).stdout === 'from-remote\n',
      {
        timeoutMs: 20_000,
      },
    );
    const refused = await berth(['--host', 'remote', 'rm', '-f', name]);
    expect(refused.code).toBe(ERROR_CODES.CONFIRMATION_REQUIRED.exitCode);
    const removed = await berth(['--host', 'remote', 'rm', '-f', '--yes', name]);
    expect(removed.code, removed.stderr).toBe(0);
    expect((await remote.ssh(['docker', 'ps', '-aq', '--filter', `name=${name}`])).stdout.trim()).toBe('');
  });

  it('a host whose key is unknown: its exit code, and doctor says how to fix it', async () => {
    const denied = await berth(['--host', 'unknownkey', 'ps']);
    expect(denied.code).toBe(ERROR_CODES.HOST_KEY_UNKNOWN.exitCode);
    expect(denied.stderr.trim().split('\n')).toHaveLength(1);
    // The hint names how to pin the key, and the policy's value is not masked as a secret.
    expect(denied.stderr).toMatch(
      /ssh-keyscan -p \d+ \S+ >> <known_hosts>\) or set hostKeyPolicy: accept-new to pin it/,
    );
    // The code says what happened: the host key is unknown, not a refusal of the credentials.
    const verbose = await berth(['--verbose', '--host', 'unknownkey', 'ps']);
    expect(verbose.stderr).toContain('[HOST_KEY_UNKNOWN, exit 7]');
    expect(verbose.stderr).not.toContain('[DENIED');
    const tool = jsonOf('read', (await berth(['--host', '*', 'ps', '--json'])).stdout);
    const line = tool.errors?.find((e) => e.host === 'unknownkey')?.error ?? '';
    expect(line).toMatch(/ssh-keyscan .* or set hostKeyPolicy: accept-new to pin it on first use/);
    const doctor = await berth(['doctor']);
    expect(doctor.code).toBe(ERROR_CODES.FAILED.exitCode);
    expect(doctor.stdout).toMatch(/ok\s+engine remote: ssh, engine \d+/);
    expect(doctor.stdout).toMatch(/FAIL engine unknownkey: /);
    expect(doctor.stdout).toMatch(/fix: verify the host key, then add it: ssh-keyscan/);
    expect(doctor.stdout).toMatch(/or set hostKeyPolicy: accept-new/);
    expect(doctor.stdout).not.toContain('***');
    const tested = await berth(['hosts', 'test', '--json']);
    const out = jsonOf('read', tested.stdout);
    expect(out.rows.map((r) => r.host).sort()).toEqual(['local', 'remote']);
  });
});
