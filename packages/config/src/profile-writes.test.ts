import { chmod, lstat, readdir, readFile, stat, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from './load-config.js';
import { addProfile, editProfile, removeProfile, setDefaultProfile } from './profile-writes.js';
import { makeWorld, type TempWorld } from './temp-world.test-support.js';

/** Hand-written on purpose: 4-space indents, comments everywhere, flow and block styles, foreign sections. */
const BASE = `# berth config, hand written
defaultProfile: prod   # the usual target

profiles:
    # production box
    prod:
        type: ssh        # over ssh
        host: 'prod.example.com'
        user: deploy
        port: 2222
        agent: true
        tags: [prod, 'eu']
        composePaths:
          - /srv/stacks   # main
          - /opt/other
        description: >-
            folded text
            on two lines

    # staging
    staging:
        type: tcp
        host: "staging.example.com"
        tls: {ca: /etc/ca.pem, verify: true}

gateway:   # owned by berth-gateway, not by config
    token: "keep me"
    servers: [a, b]
x-notes: |
    free text
`;

const HOSTILE = [
  'Prod: main #1',
  "it's",
  'say "hi"',
  `both ' and "`,
  '日本語 ✓ émoji 🐳',
  'yes',
  'no',
  'on',
  'off',
  'null',
  'true',
  '~',
  '- leading dash',
  '007',
  '1e3',
  '0x1F',
  '1_000',
  '12:30',
  '.inf',
  'multi\nline\n',
  '  padded  ',
  '#hash',
  '&anchor',
  '*alias',
  '!tag',
  '%percent',
  '@at',
  '`back`',
  '{braces}',
  '[brackets]',
  'key: value # c',
  'C:\\path\\',
  'tab\there',
  'nel\u0085 ls\u2028 del\u007f',
  '',
];

let world: TempWorld;
let file: string;
beforeEach(async () => {
  world = await makeWorld();
  file = await world.write(world.userFile, BASE);
});
afterEach(() => world.cleanup());

const text = () => readFile(file, 'utf8');

describe('edits change only what they are asked to', () => {
  it('editing one field leaves every other byte as it was', async () => {
    const result = await editProfile(file, 'prod', { port: 2200 });
    expect(result).toMatchObject({ changed: true, style: 'surgical' });
    expect(await text()).toBe(BASE.replace('        port: 2222\n', '        port: 2200\n'));
  });

  it('edits a field inside a flow mapping and keeps the rest of the file', async () => {
    await editProfile(file, 'staging', { tls: { verify: false } });
    expect(await text()).toBe(
      BASE.replace('tls: {ca: /etc/ca.pem, verify: true}', 'tls: { ca: /etc/ca.pem, verify: false }'),
    );
  });

  it('null unsets an optional field; fields not given are never reset', async () => {
    await editProfile(file, 'prod', { description: null, user: 'ops' });
    expect(await text()).toBe(
      BASE.replace('        user: deploy\n', '        user: ops\n').replace(
        '        description: >-\n            folded text\n            on two lines\n',
        '',
      ),
    );
  });

  it('a block list stays a block list at its own indentation', async () => {
    await editProfile(file, 'prod', { composePaths: ['/a', '/b: c'] });
    expect(await text()).toBe(
      BASE.replace(
        '          - /srv/stacks   # main\n          - /opt/other\n',
        '          - /a\n          - "/b: c"\n',
      ),
    );
  });

  it('adds a profile in the file indentation, after the last one', async () => {
    await addProfile(file, 'new', { type: 'ssh', host: 'n.example', user: 'me', agent: true, tags: ['x'] });
    expect(await text()).toBe(
      BASE.replace(
        'verify: true}\n',
        'verify: true}\n    new:\n        type: ssh\n        host: n.example\n        user: me\n        agent: true\n        tags:\n            - x\n',
      ),
    );
  });

  it('removes a profile, and the default that named it', async () => {
    const staging = await removeProfile(file, 'staging');
    expect(staging.clearedDefault).toBe(false);
    expect(await text()).toBe(
      BASE.replace(
        '    staging:\n        type: tcp\n        host: "staging.example.com"\n        tls: {ca: /etc/ca.pem, verify: true}\n',
        '',
      ),
    );
    const prod = await removeProfile(file, 'prod');
    expect(prod.clearedDefault).toBe(true);
    const after = parse(await text());
    expect(after).toEqual({
      profiles: {},
      gateway: { token: 'keep me', servers: ['a', 'b'] },
      'x-notes': 'free text\n',
    });
    expect(await text()).toContain('# berth config, hand written');
    expect(await text()).toContain('gateway:   # owned by berth-gateway, not by config');
  });

  it('sets and clears the default profile', async () => {
    await setDefaultProfile(file, 'staging');
    expect(await text()).toBe(BASE.replace('defaultProfile: prod   #', 'defaultProfile: staging   #'));
    await setDefaultProfile(file, undefined);
    expect(await text()).toBe(BASE.replace('defaultProfile: prod   # the usual target\n', ''));
  });

  it('keeps the mode of the original', async () => {
    await chmod(file, 0o640);
    await editProfile(file, 'prod', { port: 1 });
    expect((await stat(file)).mode & 0o777).toBe(0o640);
    expect(parse(await text()).profiles.prod.port).toBe(1);
  });

  it('never writes through a symlink, nor creates a file through a dangling one', async () => {
    const before = await text();
    const link = join(world.root, 'link.yaml');
    await symlink(file, link);
    await expect(editProfile(link, 'prod', { port: 1 })).rejects.toMatchObject({
      code: 'UNEDITABLE',
      message: expect.stringMatching(/is a symlink/),
    });
    await expect(addProfile(link, 'x', { type: 'local' })).rejects.toMatchObject({ code: 'UNEDITABLE' });
    expect(await text()).toBe(before);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    const dangling = join(world.root, 'dangling.yaml');
    const target = join(world.root, 'not-yet.yaml');
    await symlink(target, dangling);
    await expect(addProfile(dangling, 'x', { type: 'local' })).rejects.toMatchObject({ code: 'UNEDITABLE' });
    await expect(stat(target)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(addProfile(world.root, 'x', { type: 'local' })).rejects.toMatchObject({
      code: 'UNEDITABLE',
      message: expect.stringMatching(/not a regular file/),
    });
  });

  it('creates a missing file (mode 0600) and its folder', async () => {
    const fresh = join(world.root, 'new', 'dir', 'config.yaml');
    const result = await addProfile(fresh, 'local', { type: 'local' });
    expect(result.created).toBe(true);
    expect(await readFile(fresh, 'utf8')).toBe('profiles:\n  local:\n    type: local\n');
    expect((await stat(fresh)).mode & 0o777).toBe(0o600);
  });

  it('falls back to a whole-document print for layouts it cannot splice, still keeping every value', async () => {
    await world.write(file, '# flow style\n{profiles: {a: {type: local}}, gateway: {keep: true}}\n');
    const result = await addProfile(file, 'b', { type: 'local', description: 'Prod: main #1' });
    expect(result.style).toBe('reprinted');
    expect(parse(await text())).toEqual({
      profiles: { a: { type: 'local' }, b: { type: 'local', description: 'Prod: main #1' } },
      gateway: { keep: true },
    });
    expect(await text()).toContain('# flow style');
  });
});

describe('hostile strings round-trip', () => {
  it('through add, for YAML 1.2 and 1.1 readers alike', async () => {
    // A file with this profile alone, so the full load below has nothing else to complain about.
    await world.write(file, '# hostile\n');
    const tags = HOSTILE.filter((s) => s.length > 0 && s.length <= 63);
    await addProfile(file, 'hostile', {
      type: 'ssh',
      host: '- leading dash',
      user: 'yes',
      agent: true,
      description: HOSTILE.join(' | '),
      tags,
      composePaths: tags,
      appdataPath: 'null',
    });
    const expected = {
      host: '- leading dash',
      user: 'yes',
      description: HOSTILE.join(' | '),
      tags,
      composePaths: tags,
      appdataPath: 'null',
    };
    expect(parse(await text()).profiles.hostile).toMatchObject(expected);
    // A YAML 1.1 reader (PyYAML, older tools) must see the same strings, not booleans or numbers.
    expect(parse(await text(), { version: '1.1' }).profiles.hostile).toMatchObject(expected);
    const loaded = await loadConfig({ cwd: world.cwd, home: world.home, env: world.env });
    expect(loaded.errors).toEqual([]);
    expect(loaded.config?.profiles.hostile).toMatchObject(expected);
  });

  it.each(HOSTILE.map((value) => [JSON.stringify(value), value]))(
    'through edit: %s',
    async (_label, value) => {
      await editProfile(file, 'prod', { description: value, host: value || 'x' });
      const prod = parse(await text()).profiles.prod;
      expect(prod.description).toBe(value);
      expect(prod.host).toBe(value || 'x');
      expect(parse(await text(), { version: '1.1' }).profiles.prod.description).toBe(value);
      // Everything else in the file is as it was.
      expect(parse(await text()).gateway).toEqual({ token: 'keep me', servers: ['a', 'b'] });
      expect(await text()).toContain('          - /srv/stacks   # main\n');
    },
  );
});

describe('a failed write leaves the file untouched', () => {
  const untouched = async (action: () => Promise<unknown>, code: string) => {
    const before = await readdir(world.userFile.replace(/config\.yaml$/, ''));
    await expect(action()).rejects.toMatchObject({ code });
    expect(await text()).toBe(BASE);
    expect(await readdir(world.userFile.replace(/config\.yaml$/, ''))).toEqual(before);
  };

  it('on an invalid patch, with a dot-path reason', async () => {
    await untouched(() => editProfile(file, 'prod', { port: 70000 }), 'INVALID_CONFIG');
    await expect(editProfile(file, 'prod', { port: 70000 })).rejects.toMatchObject({
      data: {
        issues: [{ path: 'profiles.prod.port', message: 'expected a number from 1 to 65535, got 70000' }],
      },
    });
  });

  it('on unsetting a required field, a taken name, an unknown profile or a bad name', async () => {
    await untouched(() => editProfile(file, 'prod', { host: null }), 'INVALID_CONFIG');
    await untouched(() => addProfile(file, 'prod', { type: 'local' }), 'PROFILE_EXISTS');
    await untouched(() => editProfile(file, 'ghost', { port: 1 }), 'PROFILE_NOT_FOUND');
    await untouched(() => setDefaultProfile(file, 'ghost'), 'PROFILE_NOT_FOUND');
    await untouched(() => addProfile(file, '-bad', { type: 'local' }), 'INVALID_CONFIG');
  });

  it('on a file that is not valid YAML', async () => {
    const broken = `${BASE}  : : [\n`;
    await world.write(file, broken);
    await expect(editProfile(file, 'prod', { port: 1 })).rejects.toMatchObject({ code: 'INVALID_YAML' });
    expect(await text()).toBe(broken);
  });

  it('overwrite replaces a taken name on request', async () => {
    await addProfile(file, 'staging', { type: 'local' }, { overwrite: true });
    expect(parse(await text()).profiles.staging).toEqual({ type: 'local' });
    expect(await text()).toContain('    # staging\n    staging:\n        type: local\n\ngateway:');
  });
});
