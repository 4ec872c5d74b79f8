import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigError } from './config-error.js';
import { type ConfigChange, type ConfigWatcher, watchConfig } from './config-watcher.js';
import { editProfile } from './profile-writes.js';
import { makeWorld, type TempWorld } from './temp-world.test-support.js';

const THREE = `profiles:
  a:
    type: local
  b:
    type: local
    description: second
  c:
    type: local
`;

/** Generous: inotify is fast, but CI machines are not. */
const EVENT_TIMEOUT_MS = 10_000;

function next<E extends 'change' | 'error'>(
  watcher: ConfigWatcher,
  event: E,
): Promise<E extends 'change' ? ConfigChange : ConfigError> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${event} event within ${EVENT_TIMEOUT_MS} ms`)),
      EVENT_TIMEOUT_MS,
    );
    const off = watcher.on(event as 'change', (value: unknown) => {
      clearTimeout(timer);
      off();
      resolve(value as never);
    });
  });
}

let world: TempWorld;
let watcher: ConfigWatcher;
beforeEach(async () => {
  world = await makeWorld();
  await world.write(world.userFile, THREE);
  watcher = await watchConfig({ cwd: world.cwd, home: world.home, env: world.env, debounceMs: 50 });
});
afterEach(async () => {
  await watcher.close();
  await world.cleanup();
});

describe('hot reload', () => {
  it('reports exactly the one profile that changed, after our own atomic write', async () => {
    const change = next(watcher, 'change');
    await editProfile(world.userFile, 'b', { description: 'changed' });
    const { changedProfiles, config, previous } = await change;
    expect(changedProfiles).toEqual(['b']);
    expect(config.profiles.b?.description).toBe('changed');
    expect(previous.profiles.b?.description).toBe('second');
    expect(watcher.current).toBe(config);
  });

  it('notices a file replaced by rename, as editors save', async () => {
    const change = next(watcher, 'change');
    const temp = join(world.userFile, '..', 'config.yaml.swp');
    await writeFile(
      temp,
      THREE.replace('  c:\n    type: local\n', '  c:\n    type: local\n    readOnly: true\n'),
    );
    await rename(temp, world.userFile);
    expect((await change).changedProfiles).toEqual(['c']);
  });

  it('keeps the last good config when the file breaks, says why, and recovers', async () => {
    const failed = next(watcher, 'error');
    await writeFile(
      world.userFile,
      THREE.replace('type: local\n    description', 'type: local\n    port: 99999\n    description'),
    );
    const error = await failed;
    expect(error.code).toBe('RELOAD_FAILED');
    expect(error.message).toContain('profiles.b.port: unknown key');
    expect(error.data.issues?.[0]?.path).toBe('profiles.b.port');
    expect(watcher.current.profiles.b?.description).toBe('second');

    const broken = next(watcher, 'error');
    await writeFile(world.userFile, 'profiles: [\n');
    expect((await broken).message).toMatch(/\(file\): line \d+, column \d+/);
    expect(Object.keys(watcher.current.profiles)).toEqual(['a', 'b', 'c']);

    const recovered = next(watcher, 'change');
    await writeFile(world.userFile, THREE.replace('  a:\n    type: local\n', ''));
    expect((await recovered).changedProfiles).toEqual(['a']);
  });

  it('ignores a new project file until the user file trusts its folder, then picks it up', async () => {
    await writeFile(join(world.cwd, 'berth.yaml'), 'profiles:\n  d:\n    type: local\n');
    await watcher.reload();
    expect(Object.keys(watcher.current.profiles)).toEqual(['a', 'b', 'c']);
    expect(watcher.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(/^project file not trusted, ignored/),
    );
    const change = next(watcher, 'change');
    await writeFile(world.userFile, `trustedProjects: [${JSON.stringify(world.cwd)}]\n${THREE}`);
    const { changedProfiles, sources } = await change;
    expect(changedProfiles).toEqual(['d']);
    expect(sources.map((s) => s.kind)).toEqual(['project', 'user']);
    expect(watcher.warnings.some((w) => w.message.includes('not trusted'))).toBe(false);
  });

  it('emits nothing once disposed', async () => {
    await watcher[Symbol.asyncDispose]();
    let events = 0;
    watcher.on('change', () => events++);
    watcher.on('error', () => events++);
    await editProfile(world.userFile, 'a', { description: 'late' });
    // reload() after close is a no-op: it resolves without emitting.
    await watcher.reload();
    expect(events).toBe(0);
  });

  it('refuses to start on an invalid config', async () => {
    await writeFile(world.userFile, 'defaultProfile: ghost\n');
    await expect(watchConfig({ cwd: world.cwd, home: world.home, env: world.env })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
    });
  });
});
