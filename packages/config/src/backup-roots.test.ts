import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIssue } from './config-issue.js';
import { type LoadConfigResult, loadConfig } from './load-config.js';
import { makeWorld, type TempWorld } from './temp-world.test-support.js';

let world: TempWorld;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(() => world.cleanup());

const load = (extra: Parameters<typeof loadConfig>[0] = {}) =>
  loadConfig({ cwd: world.cwd, home: world.home, env: world.env, ...extra });

function ok(result: LoadConfigResult) {
  if (!result.ok) throw new Error(`expected a valid config: ${result.errors.map(formatIssue).join('; ')}`);
  return result.config;
}

describe('backupRoots', () => {
  it('come from the user file, with ~ and relative paths resolved, and default to none', async () => {
    expect(ok(await load()).backupRoots).toEqual([]);
    await world.write(world.userFile, 'backupRoots: [~/dumps, archive, /srv/backups]\nprofiles: {}\n');
    expect(ok(await load()).backupRoots).toEqual([
      join(world.home, 'dumps'),
      join(world.userFile, '..', 'archive'),
      '/srv/backups',
    ]);
  });

  it('come from an explicit --config file too', async () => {
    const file = await world.write(join(world.root, 'explicit.yaml'), 'backupRoots: [/srv/explicit]\n');
    expect(ok(await load({ configPath: file })).backupRoots).toEqual(['/srv/explicit']);
  });

  it('are never taken from a project file, trusted or not, and the warning says so', async () => {
    await world.write(world.userFile, 'backupRoots: [/srv/mine]\nprofiles: { local: { type: local } }\n');
    await world.write(join(world.cwd, 'berth.yaml'), 'backupRoots: [/, /etc]\n');
    const result = await load({ trustProject: true });
    expect(ok(result).backupRoots).toEqual(['/srv/mine']);
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).toContain(
      'backupRoots: ignored: only your own config file can let backups be written elsewhere',
    );
  });

  it('must be a list of paths', async () => {
    await world.write(world.userFile, 'backupRoots: /srv/one\n');
    const result = await load();
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toContain('backupRoots');
  });
});
