import { mkdir, symlink } from 'node:fs/promises';
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

const messages = (result: LoadConfigResult) => result.warnings.map((i) => `${i.path}: ${i.message}`);

const USER = [
  'profiles:',
  '  ro: { type: local, readOnly: true }',
  '  open: { type: local, socketPath: /run/other.sock }',
  '  far: { type: ssh, host: far.example, user: u, agent: true, hostKeyPolicy: accept-new }',
  '',
].join('\n');

describe('project files and trust', () => {
  it('ignores an untrusted project file and says how to trust it', async () => {
    await world.write(world.userFile, USER);
    await world.write(
      join(world.cwd, 'berth.yaml'),
      'profiles:\n  ro: { readOnly: false }\n  extra: { type: local }\n',
    );
    const result = await load();
    const config = ok(result);
    expect(Object.keys(config.profiles)).toEqual(['ro', 'open', 'far']);
    expect(config.profiles.ro?.readOnly).toBe(true);
    expect(result.sources.map((s) => s.kind)).toEqual(['user']);
    expect(result.warnings).toContainEqual({
      path: '(file)',
      message: `project file not trusted, ignored: to use it, list ${world.cwd} under trustedProjects in ${world.userFile}, or start berth with --trust-project`,
      source: join(world.cwd, 'berth.yaml'),
    });
  });

  it('trusts the folders the user file lists, by real path, and only those', async () => {
    const alias = join(world.root, 'alias');
    await symlink(world.cwd, alias);
    await world.write(join(world.cwd, 'berth.yaml'), 'profiles:\n  extra: { type: local }\n');
    await world.write(world.userFile, `trustedProjects: [${JSON.stringify(alias)}]\n${USER}`);
    const trusted = await load();
    expect(Object.keys(ok(trusted).profiles)).toContain('extra');
    expect(ok(trusted).trustedProjects).toEqual([alias]);
    // A subfolder of a trusted folder is not trusted.
    const sub = join(world.cwd, 'sub');
    await mkdir(sub);
    await world.write(join(sub, 'berth.yaml'), 'profiles:\n  deeper: { type: local }\n');
    expect(Object.keys(ok(await load({ cwd: sub })).profiles)).not.toContain('deeper');
  });

  it('never lets a project file trust itself', async () => {
    await world.write(world.userFile, USER);
    await world.write(
      join(world.cwd, 'berth.yaml'),
      `trustedProjects: [${JSON.stringify(world.cwd)}]\nprofiles:\n  extra: { type: local }\n`,
    );
    expect(Object.keys(ok(await load()).profiles)).not.toContain('extra');
    const trusted = await load({ trustProject: true });
    expect(messages(trusted)).toContain('trustedProjects: ignored: only the user file can trust projects');
  });
});

describe('a trusted project file only tightens', () => {
  it('on profiles of the user file: read-only, confirm, disable, stricter keys and descriptions pass; the rest is cut', async () => {
    await world.write(world.userFile, USER);
    await world.write(
      join(world.cwd, 'berth.yaml'),
      [
        'profiles:',
        '  ro: { readOnly: false, confirm: false, description: from the repo }',
        '  open: { readOnly: true, enabled: false, socketPath: /tmp/evil.sock, allowHostAccess: true, bindRoots: [/] }',
        '  far: { hostKeyPolicy: insecure-ignore, host: evil.example, knownHostsFile: ./kh, identityFile: ./key }',
        '',
      ].join('\n'),
    );
    const result = await load({ trustProject: true });
    const { ro, open, far } = ok(result).profiles;
    expect(ro).toMatchObject({ readOnly: true, confirm: true, description: 'from the repo' });
    expect(open).toMatchObject({ readOnly: true, enabled: false, socketPath: '/run/other.sock' });
    expect(far).toMatchObject({ hostKeyPolicy: 'accept-new', host: 'far.example' });
    expect(far).not.toHaveProperty('knownHostsFile');
    expect(messages(result)).toEqual(
      expect.arrayContaining([
        'profiles.ro.readOnly: ignored: readOnly can only become true',
        'profiles.ro.confirm: ignored: confirm can only become true',
        "profiles.open.socketPath: ignored: where and how berth connects to open is the user file's to set",
        'profiles.open.allowHostAccess: ignored: allowHostAccess can only become false',
        'profiles.open.bindRoots: ignored: only some of the bindRoots the user file lists',
        'profiles.far.hostKeyPolicy: ignored: only a stricter policy (strict > accept-new > insecure-ignore)',
        "profiles.far.host: ignored: where and how berth connects to far is the user file's to set",
        "profiles.far.knownHostsFile: ignored: where and how berth connects to far is the user file's to set",
        "profiles.far.identityFile: ignored: where and how berth connects to far is the user file's to set",
      ]),
    );
    await world.write(join(world.cwd, 'berth.yaml'), 'profiles:\n  far: { hostKeyPolicy: strict }\n');
    expect(ok(await load({ trustProject: true })).profiles.far).toMatchObject({ hostKeyPolicy: 'strict' });
  });

  it('new profiles never turn a check off, and a twin of a read-only engine is read-only', async () => {
    await world.write(world.userFile, USER);
    await world.write(
      join(world.cwd, 'berth.yaml'),
      [
        'profiles:',
        '  twin: { type: local }',
        '  elsewhere: { type: local, socketPath: /run/third.sock, allowHostAccess: true, bindRoots: [/srv] }',
        '  unchecked: { type: ssh, host: h, user: u, agent: true, hostKeyPolicy: insecure-ignore, confirm: false }',
        '  plain: { type: tcp, host: far.example, tls: { verify: false } }',
        '',
      ].join('\n'),
    );
    const result = await load({ trustProject: true });
    const { twin, elsewhere, unchecked, plain } = ok(result).profiles;
    expect(twin?.readOnly).toBe(true);
    expect(elsewhere).toMatchObject({ readOnly: true, allowHostAccess: false, bindRoots: [] });
    expect(plain?.readOnly).toBe(false);
    expect(unchecked).toMatchObject({ hostKeyPolicy: 'strict', confirm: true });
    expect(plain).toMatchObject({ tls: { verify: true } });
    expect(messages(result)).toEqual(
      expect.arrayContaining([
        'profiles.twin.readOnly: set to true: it reaches the machine of "ro", which the user file makes read-only',
        'profiles.unchecked.hostKeyPolicy: ignored: a project file cannot turn host-key checks off (strict applies)',
        'profiles.unchecked.confirm: ignored: a project file cannot turn confirmation off',
        'profiles.plain.tls.verify: ignored: a project file cannot turn certificate checks off',
        'profiles.elsewhere.allowHostAccess: ignored: only your own config file can let containers reach the host',
        'profiles.elsewhere.bindRoots: ignored: only your own config file can let containers bind host folders unasked',
      ]),
    );
  });
});
