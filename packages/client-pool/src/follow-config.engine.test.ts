import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConfigChange, editProfile, watchConfig } from '@berth/config';
import { engineSuite, type RemoteHost, startRemoteHost } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createClientPool } from './client-pool.js';
import { followConfig } from './follow-config.js';
import { remoteProfile } from './isolated-pool.test-support.js';

engineSuite('hot reload of a watched config file', () => {
  let remote: RemoteHost;
  let dir: string;
  beforeAll(async () => {
    remote = await startRemoteHost();
    dir = mkdtempSync(join(tmpdir(), 'berth-reload-'));
  });
  afterAll(async () => {
    await remote?.[Symbol.asyncDispose]();
    rmSync(dir, { recursive: true, force: true });
  });

  it('evicts exactly the client whose profile changed; a broken file changes nothing', async () => {
    const file = join(dir, 'berth.yaml');
    writeFileSync(
      file,
      `# three engines\n${stringify({
        profiles: {
          alpha: remoteProfile(remote),
          beta: remoteProfile(remote, { description: 'before' }),
          gamma: { type: 'local', socketPath: '/var/run/docker.sock' },
        },
      })}`,
    );
    const env = { HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg') };
    await using watcher = await watchConfig({ configPath: file, cwd: dir, env, debounceMs: 50 });
    const pool = createClientPool({
      config: watcher.current,
      env,
      homeDir: dir,
      knownHostsDir: join(dir, 'state'),
    });
    try {
      const applied: Array<{ evicted: string[]; change: ConfigChange }> = [];
      const stop = followConfig(pool, watcher, {
        onReconciled: (evicted, change) => applied.push({ evicted, change }),
      });
      const before = {
        alpha: await pool.acquire('alpha'),
        beta: await pool.acquire('beta'),
        gamma: await pool.acquire('gamma'),
      };
      await Promise.all(Object.values(before).map((client) => client.docker.ping()));

      await editProfile(file, 'beta', { description: 'after' });
      await expect.poll(() => applied.length, { timeout: 10_000 }).toBe(1);
      expect(applied[0]?.change.changedProfiles).toEqual(['beta']);
      expect(applied[0]?.evicted).toEqual(['beta']);
      expect(watcher.current.profiles.beta?.description).toBe('after');

      // Unchanged profiles keep their very client (and SSH connection); beta gets a new one that works.
      expect(await pool.acquire('alpha')).toBe(before.alpha);
      expect(await pool.acquire('gamma')).toBe(before.gamma);
      const beta = await pool.acquire('beta');
      expect(beta).not.toBe(before.beta);
      expect((await beta.docker.version()).ApiVersion).toMatch(/^1\./);

      // A broken file: the last good config stays, nothing is evicted, the clients still answer.
      const errors: string[] = [];
      watcher.on('error', (error) => errors.push(error.message));
      writeFileSync(file, 'profiles:\n  alpha: {type: ssh, port: "not a port"\n');
      await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(applied).toHaveLength(1);
      expect(watcher.current.profiles.beta?.description).toBe('after');
      expect(await pool.acquire('alpha')).toBe(before.alpha);
      await before.alpha.docker.ping();
      stop();
    } finally {
      await pool.dispose();
    }
  });
});
