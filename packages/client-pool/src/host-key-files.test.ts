import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthConfig, type HostKeyPolicy, type SshProfile } from '@berth/config';
import { describe, expect, it } from 'vitest';
import { hostKeyFiles, readKnownHostsFile } from './host-key-files.js';
import { type ClientPoolOptions, resolvePoolSettings } from './pool-settings.js';

function sshProfile(hostKeyPolicy: HostKeyPolicy, knownHostsFile?: string): SshProfile {
  const profile = { type: 'ssh', host: 'far.example', user: 'deploy', hostKeyPolicy, knownHostsFile };
  return BerthConfig.parse({ profiles: { far: profile } }).profiles.far as SshProfile;
}

/** Where an accept-new profile without its own knownHostsFile pins, for a pool built from `options`. */
function pinFileFor(options: Omit<ClientPoolOptions, 'config'>): string | undefined {
  const settings = resolvePoolSettings({ config: BerthConfig.parse({}), ...options });
  return hostKeyFiles(sshProfile('accept-new'), settings).pinFile;
}

describe('host-key files', () => {
  it('pins in $XDG_STATE_HOME/berth when that is absolute', () => {
    expect(pinFileFor({ env: { HOME: '/home/u', XDG_STATE_HOME: '/var/state' } })).toBe(
      '/var/state/berth/known_hosts',
    );
  });

  it('ignores a relative XDG_STATE_HOME and pins in ~/.local/state/berth', () => {
    for (const relative of ['state', './state', '.local/state']) {
      expect(pinFileFor({ env: { HOME: '/home/u', XDG_STATE_HOME: relative } })).toBe(
        '/home/u/.local/state/berth/known_hosts',
      );
    }
    expect(pinFileFor({ env: { XDG_STATE_HOME: 'state' }, homeDir: '/home/v' })).toBe(
      '/home/v/.local/state/berth/known_hosts',
    );
  });

  it('pins in knownHostsDir when the pool is given one', () => {
    expect(pinFileFor({ env: { HOME: '/home/u' }, knownHostsDir: '/tmp/pins' })).toBe(
      '/tmp/pins/known_hosts',
    );
  });

  it("checks the user's known_hosts too, and a profile's own file replaces both", () => {
    const settings = resolvePoolSettings({ config: BerthConfig.parse({}), env: { HOME: '/home/u' } });
    expect(hostKeyFiles(sshProfile('accept-new'), settings)).toEqual({
      knownHostsFiles: ['/home/u/.ssh/known_hosts', '/home/u/.local/state/berth/known_hosts'],
      pinFile: '/home/u/.local/state/berth/known_hosts',
    });
    expect(hostKeyFiles(sshProfile('accept-new', '~/hosts'), settings)).toEqual({
      knownHostsFiles: ['/home/u/hosts'],
      pinFile: '/home/u/hosts',
    });
    expect(hostKeyFiles(sshProfile('strict'), settings)).toEqual({
      knownHostsFiles: ['/home/u/.ssh/known_hosts'],
    });
  });
});

describe('reading a known_hosts file', () => {
  it('reads a regular file, takes a missing one as empty, and refuses a device or FIFO', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-known-hosts-'));
    try {
      const file = join(dir, 'known_hosts');
      await writeFile(file, 'host ssh-ed25519 AAAA\n');
      expect(await readKnownHostsFile(file)).toBe('host ssh-ed25519 AAAA\n');
      expect(await readKnownHostsFile(join(dir, 'missing'))).toBe('');
      const fifo = join(dir, 'fifo');
      execFileSync('mkfifo', [fifo]);
      for (const path of ['/dev/zero', fifo]) {
        await expect(readKnownHostsFile(path)).rejects.toMatchObject({
          code: 'CONFIG',
          message: `known_hosts file ${path} is not a regular file; refusing to read it`,
        });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
