// Helpers for this package's tests only (not exported from index.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthConfig, type ProfileInput } from '@berth/config';
import type { RemoteHost } from '@berth/testkit';
import { type ClientPool, createClientPool } from './client-pool.js';
import type { ClientPoolOptions } from './pool-settings.js';

export function configOf(profiles: Record<string, ProfileInput>): BerthConfig {
  return BerthConfig.parse({ profiles });
}

/** An SSH profile for the test bed's remote host, host key pinned through its known_hosts file. */
export function remoteProfile(remote: RemoteHost, overrides: Partial<ProfileInput> = {}): ProfileInput {
  return remote.sshProfile(overrides) as ProfileInput;
}

/** A pool with its own empty home and state folders, so no real ~/.ssh is ever read. */
export function isolatedPool(
  profiles: Record<string, ProfileInput>,
  options: Partial<ClientPoolOptions> = {},
): ClientPool & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-pool-'));
  const pool = createClientPool({
    config: configOf(profiles),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    homeDir: join(dir, 'home'),
    knownHostsDir: join(dir, 'state'),
    ...options,
  });
  return Object.assign(pool, {
    dir,
    async [Symbol.asyncDispose]() {
      await pool.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
