import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importSshConfig } from './ssh-config-import.js';
import { makeWorld, type TempWorld } from './temp-world.test-support.js';
import { writeImportedProfiles } from './write-imported-profiles.js';

let world: TempWorld;
let ssh: string;
beforeEach(async () => {
  world = await makeWorld({ USER: 'localme' });
  ssh = join(world.home, '.ssh');
});
afterEach(() => world.cleanup());

const run = (select?: string[]) =>
  importSshConfig({ home: world.home, env: world.env, ...(select ? { select } : {}) });

describe('importSshConfig', () => {
  it('reads Host entries with first-value-wins, wildcards skipped but applied, Include followed', async () => {
    await world.write(
      join(ssh, 'config'),
      [
        '# global settings come first',
        'Port 2022',
        'Include conf.d/*.conf',
        '',
        'Host prod prod-alias',
        '    HostName prod.example.com',
        '    User deploy',
        '    IdentityFile ~/.ssh/id_prod',
        '    IdentityFile ~/.ssh/id_other',
        '    ProxyJump bastion',
        '',
        'Host prod',
        '    User ignored-second-value',
        '    HostName ignored.example.com',
        '',
        'Host *.internal !secret.internal',
        '    User wildcard-user',
        '',
        'Host db.internal secret.internal',
        '    HostName=%h.lan',
        '',
        'Host *',
        '    User fallback',
        '    Port 2200',
      ].join('\n'),
    );
    await world.write(
      join(ssh, 'conf.d', '10-work.conf'),
      'Host work\n  HostName work.example\n  Port 2222\n  IdentityFile "~/.ssh/id work"\n',
    );
    await world.write(join(ssh, 'conf.d', 'ignored.txt'), 'Host never\n');

    const { profiles, warnings } = await run();
    expect(Object.keys(profiles)).toEqual(['work', 'prod', 'prod-alias', 'db.internal', 'secret.internal']);
    expect(profiles.prod).toMatchObject({
      type: 'ssh',
      host: 'prod.example.com',
      user: 'deploy',
      port: 2022, // the global Port comes before the Host block, so it wins
      identityFile: join(world.home, '.ssh', 'id_prod'),
      proxyJump: 'bastion',
      hostKeyPolicy: 'strict',
    });
    expect(profiles['prod-alias']).toMatchObject({ host: 'prod.example.com', user: 'deploy' });
    expect(profiles.work).toMatchObject({
      host: 'work.example',
      port: 2022,
      user: 'fallback',
      identityFile: join(world.home, '.ssh', 'id work'),
    });
    expect(profiles['db.internal']).toMatchObject({
      host: 'db.internal.lan',
      user: 'wildcard-user',
      agent: true,
    });
    // The negated pattern keeps secret.internal out of the wildcard block.
    expect(profiles['secret.internal']).toMatchObject({ host: 'secret.internal.lan', user: 'fallback' });
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual(
      expect.arrayContaining([
        'Host prod: 2 IdentityFile lines; berth uses the first',
        'Host prod: ProxyJump is recorded but not used for connecting yet',
      ]),
    );
  });

  it('selects by name and reports names it does not know', async () => {
    await world.write(join(ssh, 'config'), 'Host a b c\n  User u\n');
    const { profiles, warnings } = await run(['c', 'a', 'zzz']);
    expect(Object.keys(profiles)).toEqual(['a', 'c']);
    expect(warnings).toContainEqual(
      expect.objectContaining({ path: 'Host zzz', message: 'no such Host entry' }),
    );
  });

  it('stops Include cycles and defaults the user to the local one', async () => {
    await world.write(join(ssh, 'config'), 'Include other\nHost solo\n');
    await world.write(join(ssh, 'other'), 'Include config\n');
    const { profiles, warnings } = await run();
    expect(profiles.solo).toMatchObject({ host: 'solo', user: 'localme', agent: true });
    expect(warnings.some((w) => w.path === 'Include' && w.message.startsWith('cycle'))).toBe(true);
  });

  it('is NOT_FOUND for a missing file', async () => {
    await expect(run()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('writeImportedProfiles', () => {
  it('writes the selection in one write and reports clashes without overwriting', async () => {
    await world.write(join(ssh, 'config'), 'Host keep new\n  HostName h.example\n  User u\n');
    const file = await world.write(world.userFile, '# mine\nprofiles:\n  keep:\n    type: local\n');
    const { profiles } = await run();
    const result = await writeImportedProfiles(file, profiles);
    expect(result).toMatchObject({ written: ['new'], clashes: ['keep'], changed: true });
    const data = parse(await readFile(file, 'utf8'));
    expect(data.profiles.keep).toEqual({ type: 'local' });
    expect(data.profiles.new).toMatchObject({
      type: 'ssh',
      host: 'h.example',
      user: 'u',
      hostKeyPolicy: 'strict',
    });
    expect(await readFile(file, 'utf8')).toMatch(
      /^# mine\nprofiles:\n {2}keep:\n {4}type: local\n {2}new:\n/,
    );

    const again = await writeImportedProfiles(file, profiles, { overwrite: true });
    expect(again).toMatchObject({ written: ['keep', 'new'], clashes: ['keep', 'new'] });
    expect(parse(await readFile(file, 'utf8')).profiles.keep).toMatchObject({ type: 'ssh' });
  });
});
