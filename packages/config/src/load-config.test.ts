import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIssue } from './config-issue.js';
import { type LoadConfigResult, loadConfig, requireConfig } from './load-config.js';
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

const messages = (issues: { path: string; message: string }[]) =>
  issues.map((i) => `${i.path}: ${i.message}`);

describe('sources and precedence', () => {
  it('merges a trusted project file over the user file per field, by profile name, then env', async () => {
    await world.write(
      world.userFile,
      [
        'defaultProfile: box',
        'profiles:',
        '  box:',
        '    type: tcp',
        '    host: user.example',
        '    port: 2375',
        '    description: from user',
        '    tags: [user]',
        '  useronly:',
        '    type: local',
      ].join('\n'),
    );
    await world.write(
      join(world.cwd, 'berth.yaml'),
      'profiles:\n  box:\n    readOnly: true\n    tags: [project]\n  mine:\n    type: local\n',
    );
    world.env.BERTH_DEFAULT_PROFILE = 'useronly';

    const result = await load({ trustProject: true });
    const config = ok(result);
    expect(config.profiles.box).toMatchObject({
      type: 'tcp',
      host: 'user.example', // only the user file sets it
      readOnly: true, // the project file tightens
      description: 'from user',
      tags: ['project'], // lists are replaced, not concatenated
    });
    expect(Object.keys(config.profiles)).toEqual(['box', 'useronly', 'mine']);
    // The env is the lowest source: the user file's defaultProfile wins over BERTH_DEFAULT_PROFILE.
    expect(config.defaultProfile).toBe('box');
    expect(result.sources.map((s) => s.kind)).toEqual(['project', 'user', 'env']);
  });

  it('reads the explicit file alone: no field comes from the project or user file', async () => {
    await world.write(world.userFile, 'profiles:\n  box: { type: local, description: user }\n');
    await world.write(join(world.cwd, 'berth.yaml'), 'profiles:\n  box: { confirm: false, tags: [p] }\n');
    const flag = await world.write(join(world.root, 'flag.yaml'), 'profiles:\n  box:\n    type: local\n');
    for (const trustProject of [false, true]) {
      const result = await load({ configPath: flag, trustProject });
      expect(ok(result).profiles.box).toMatchObject({ confirm: true, tags: [] });
      expect(ok(result).profiles.box?.description).toBeUndefined();
      expect(result.sources.map((s) => s.kind)).toEqual(['flag']);
    }
  });

  it('uses BERTH_DEFAULT_PROFILE when no file sets a default', async () => {
    await world.write(world.userFile, 'profiles:\n  a: { type: local }\n  b: { type: local }\n');
    world.env.BERTH_DEFAULT_PROFILE = 'b';
    expect(ok(await load()).defaultProfile).toBe('b');
  });

  it('accepts berth.yml and warns when both project files exist', async () => {
    await world.write(join(world.cwd, 'berth.yml'), 'profiles:\n  yml: { type: local }\n');
    expect(Object.keys(ok(await load({ trustProject: true })).profiles)).toEqual(['yml']);
    await world.write(join(world.cwd, 'berth.yaml'), 'profiles:\n  yaml: { type: local }\n');
    const result = await load({ trustProject: true });
    expect(Object.keys(ok(result).profiles)).toEqual(['yaml']);
    expect(
      result.warnings.some((w) => w.source?.endsWith('berth.yml') && w.message.startsWith('ignored')),
    ).toBe(true);
  });

  it('a project entry with another type cannot replace the profile of the user file', async () => {
    await world.write(
      world.userFile,
      'profiles:\n  x:\n    type: ssh\n    host: h\n    user: u\n    agent: true\n',
    );
    await world.write(join(world.cwd, 'berth.yaml'), 'profiles:\n  x:\n    type: local\n');
    const result = await load({ trustProject: true });
    expect(ok(result).profiles.x).toMatchObject({ type: 'ssh', host: 'h' });
    expect(messages(result.warnings)).toContain(
      "profiles.x.type: ignored: where and how berth connects to x is the user file's to set",
    );
  });

  it('fails when the explicit --config file is missing', async () => {
    const result = await load({ configPath: 'nope.yaml' });
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toEqual({
      path: '(file)',
      message: 'config file not found',
      source: join(world.cwd, 'nope.yaml'),
    });
  });

  it('BERTH_CONFIG names the explicit file when no flag is given', async () => {
    const file = await world.write(join(world.root, 'env.yaml'), 'profiles:\n  fromenv: { type: local }\n');
    world.env.BERTH_CONFIG = file;
    expect(Object.keys(ok(await load()).profiles)).toEqual(['fromenv']);
  });
});

describe('the implicit local profile', () => {
  it('is there when nothing is configured, on the default socket', async () => {
    const config = ok(await load());
    expect(config.defaultProfile).toBe('local');
    expect(config.profiles.local).toMatchObject({ type: 'local', socketPath: '/var/run/docker.sock' });
  });

  it('follows DOCKER_HOST (unix, tcp with TLS env, ssh) and BERTH_DOCKER_HOST wins', async () => {
    world.env.DOCKER_HOST = 'unix:///run/user/1000/docker.sock';
    expect(ok(await load()).profiles.local).toMatchObject({ socketPath: '/run/user/1000/docker.sock' });

    const certs = join(world.root, 'certs');
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) await world.write(join(certs, f), 'pem');
    world.env.BERTH_DOCKER_HOST = 'tcp://engine.example:2376';
    world.env.DOCKER_TLS_VERIFY = '1';
    world.env.DOCKER_CERT_PATH = certs;
    expect(ok(await load()).profiles.local).toEqual(
      expect.objectContaining({
        type: 'tcp',
        host: 'engine.example',
        port: 2376,
        tls: {
          ca: join(certs, 'ca.pem'),
          cert: join(certs, 'cert.pem'),
          key: join(certs, 'key.pem'),
          verify: true,
        },
      }),
    );

    world.env.BERTH_DOCKER_HOST = 'ssh://deploy@build.example:2200';
    world.env.SSH_AUTH_SOCK = '/tmp/agent.sock';
    expect(ok(await load()).profiles.local).toMatchObject({
      type: 'ssh',
      host: 'build.example',
      port: 2200,
      user: 'deploy',
      hostKeyPolicy: 'strict',
      agent: true,
    });
  });

  it('is not added once any profile is configured', async () => {
    await world.write(world.userFile, 'profiles:\n  only: { type: local }\n');
    const config = ok(await load());
    expect(Object.keys(config.profiles)).toEqual(['only']);
    expect(config.defaultProfile).toBe('only');
  });

  it('BERTH_READ_ONLY=1 makes every profile read-only; an unclear value counts as on', async () => {
    await world.write(
      world.userFile,
      'profiles:\n  a: { type: local }\n  local: { type: local, readOnly: false }\n',
    );
    world.env.BERTH_READ_ONLY = '1';
    expect(Object.values(ok(await load()).profiles).map((p) => p.readOnly)).toEqual([true, true]);
    world.env.BERTH_READ_ONLY = 'maybe';
    const result = await load();
    expect(Object.values(ok(result).profiles).every((p) => p.readOnly)).toBe(true);
    expect(messages(result.warnings)).toContain(
      'BERTH_READ_ONLY: unclear value "maybe", treated as on; use 1 or 0',
    );
  });
});

describe('errors and warnings with dot paths', () => {
  it('names the field, the expectation and the file', async () => {
    await world.write(
      world.userFile,
      'profiles:\n  prod:\n    type: ssh\n    host: prod.example\n    user: deploy\n    port: 70000\n    agent: true\n',
    );
    const result = await load();
    expect(result.ok).toBe(false);
    expect(result.errors.map(formatIssue)).toEqual([
      `profiles.prod.port: expected a number from 1 to 65535, got 70000 (in ${world.userFile})`,
    ]);
  });

  it('reports unknown keys with a hint, bad enums, missing type and bad names', async () => {
    await world.write(
      world.userFile,
      [
        'profiles:',
        '  a:',
        '    type: ssh',
        '    hostname: x',
        '    user: u',
        '    hostKeyPolicy: yolo',
        '  b:',
        '    host: only-a-host',
        '  "bad name":',
        '    type: local',
      ].join('\n'),
    );
    const result = await load();
    expect(messages(result.errors)).toEqual(
      expect.arrayContaining([
        'profiles.bad name: a profile name is 1-63 letters, digits, ".", "_" or "-", not starting with "-", "." or "_"',
        'profiles.a.host: required',
        'profiles.a.hostKeyPolicy: expected one of strict, accept-new, insecure-ignore, got "yolo"',
        'profiles.a.hostname: unknown key (did you mean "host"?)',
        'profiles.b.type: required: one of local, tcp, ssh',
      ]),
    );
  });

  it('gives line and column for YAML syntax errors and duplicate keys', async () => {
    await world.write(world.userFile, 'profiles:\n  a:\n    type: local\n  a:\n    type: local\n');
    const result = await load();
    expect(result.ok).toBe(false);
    expect(formatIssue(result.errors[0] as never)).toMatch(
      /^\(file\): line 4, column 3: .*(unique|duplicate)/i,
    );
  });

  it('applies the rules: default must exist, key files must exist, insecure choices warn', async () => {
    const key = await world.write(join(world.home, '.ssh', 'id_ed25519'), 'key');
    await world.write(join(world.home, '.ssh', 'known_hosts'), '');
    await world.write(
      world.userFile,
      [
        'defaultProfile: nowhere',
        'profiles:',
        '  good:',
        '    type: ssh',
        '    host: h',
        '    user: u',
        '    identityFile: ~/.ssh/id_ed25519',
        '  lost:',
        '    type: ssh',
        '    host: h',
        '    user: u',
        '    identityFile: ~/.ssh/missing',
        '  parked:',
        '    type: ssh',
        '    host: h',
        '    user: u',
        '    enabled: false',
        '    identityFile: ~/.ssh/missing',
        '  yolo:',
        '    type: ssh',
        '    host: h',
        '    user: u',
        '    agent: true',
        '    hostKeyPolicy: insecure-ignore',
        '  plain:',
        '    type: tcp',
        '    host: h',
      ].join('\n'),
    );
    const result = await load();
    const missing = join(world.home, '.ssh', 'missing');
    expect(messages(result.errors)).toEqual([
      'defaultProfile: no profile named "nowhere"; known: good, lost, parked, yolo, plain',
      `profiles.lost.identityFile: file not found: ${missing}`,
    ]);
    expect(messages(result.warnings)).toEqual(
      expect.arrayContaining([
        `profiles.parked.identityFile: file not found: ${missing}`,
        'profiles.yolo.hostKeyPolicy: insecure-ignore turns host-key checks off: anyone on the network path can impersonate this host',
        'profiles.plain.tls: not set: plain TCP, anyone who reaches the port controls the engine; configure tls',
      ]),
    );
    // The good profile's `~` was expanded for the client pool.
    await world.write(
      world.userFile,
      'profiles:\n  good: { type: ssh, host: h, user: u, identityFile: ~/.ssh/id_ed25519 }\n',
    );
    expect(ok(await load()).profiles.good).toMatchObject({ identityFile: key });
  });

  it('resolves relative key paths against the file that names them', async () => {
    const ca = await world.write(join(world.cwd, 'certs', 'ca.pem'), 'pem');
    await world.write(
      join(world.cwd, 'berth.yaml'),
      'profiles:\n  t:\n    type: tcp\n    host: h\n    tls: { ca: certs/ca.pem }\n',
    );
    const config = ok(await load({ cwd: world.cwd, trustProject: true }));
    expect(config.profiles.t).toMatchObject({ tls: { ca, verify: true } });
  });

  it('requireConfig throws INVALID_CONFIG with the issues', async () => {
    await world.write(world.userFile, 'defaultProfile: ghost\n');
    const result = await load();
    expect(() => requireConfig(result)).toThrow(expect.objectContaining({ code: 'INVALID_CONFIG' }));
  });
});
