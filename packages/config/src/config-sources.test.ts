import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { berthPaths } from './berth-paths.js';
import { configWriteTarget } from './config-sources.js';
import { makeWorld, type TempWorld } from './temp-world.test-support.js';

let world: TempWorld;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(() => world.cleanup());

describe('configWriteTarget', () => {
  it('is the explicit file, else the trusted project file in use, else the user file', async () => {
    const base = { cwd: world.cwd, home: world.home, env: world.env };
    expect(await configWriteTarget(base)).toBe(world.userFile);
    await world.write(join(world.cwd, 'berth.yml'), '');
    // An untrusted project file is not in use: writes go to the user file.
    expect(await configWriteTarget(base)).toBe(world.userFile);
    expect(await configWriteTarget({ ...base, trustProject: true })).toBe(join(world.cwd, 'berth.yml'));
    await world.write(world.userFile, `trustedProjects: [${JSON.stringify(world.cwd)}]\n`);
    expect(await configWriteTarget(base)).toBe(join(world.cwd, 'berth.yml'));
    expect(await configWriteTarget({ ...base, configPath: 'x.yaml' })).toBe(join(world.cwd, 'x.yaml'));
  });
});

describe('berthPaths', () => {
  it('follows XDG variables, ignores relative ones, and keeps berth known_hosts apart from OpenSSH', () => {
    expect(berthPaths({ env: { XDG_CONFIG_HOME: '/c', XDG_STATE_HOME: '/s' }, home: '/h' })).toEqual({
      configDir: '/c/berth',
      userConfigFile: '/c/berth/config.yaml',
      stateDir: '/s/berth',
      knownHostsFile: '/s/berth/known_hosts',
      sshConfigFile: '/h/.ssh/config',
      userKnownHostsFile: '/h/.ssh/known_hosts',
    });
    expect(berthPaths({ env: { XDG_CONFIG_HOME: 'relative' }, home: '/h' })).toMatchObject({
      userConfigFile: '/h/.config/berth/config.yaml',
      knownHostsFile: '/h/.local/state/berth/known_hosts',
    });
  });
});
