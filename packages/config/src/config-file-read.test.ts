import { execFileSync } from 'node:child_process';
import { mkdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatIssue } from './config-issue.js';
import { loadConfig } from './load-config.js';
import { makeWorld, type TempWorld } from './temp-world.test-support.js';

let world: TempWorld;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(() => world.cleanup());

const load = () => loadConfig({ cwd: world.cwd, home: world.home, env: world.env });
const everything = (result: Awaited<ReturnType<typeof load>>) =>
  JSON.stringify([result.errors, result.warnings].flat().map(formatIssue));

const SECRET = 'S3cr3tHashValue';
const SHADOW = `root:$6$salt$${SECRET}:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n`;

describe("only berth's own files are read", () => {
  it("refuses a file with none of berth's keys, through a symlink too, echoing none of it", async () => {
    const shadow = await world.write(join(world.root, 'shadow'), SHADOW);
    await mkdir(dirname(world.userFile), { recursive: true });
    await symlink(shadow, world.userFile);
    const result = await load();
    expect(result.ok).toBe(false);
    expect(result.errors.map(formatIssue)).toEqual([
      `(file): not a berth config file: its top level has none of berth's keys (profiles, defaultProfile, trustedProjects) (in ${world.userFile})`,
    ]);
    expect(everything(result)).not.toContain(SECRET);
    expect(everything(result)).not.toContain('daemon');
  });

  it('names unknown sections only when they look like names, and never their values', async () => {
    await world.write(
      world.userFile,
      `profiles:\n  a: { type: local, "x:${SECRET}": 1 }\nhosts: {}\n"root:$6$${SECRET}:": null\n`,
    );
    const result = await load();
    const text = everything(result);
    expect(text).not.toContain(SECRET);
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual(
      expect.arrayContaining([
        'hosts: unknown section, ignored by berth and kept on write (did you mean "profiles"?)',
        '(file): 1 top-level key(s) that are not names, ignored by berth and kept on write (not shown)',
      ]),
    );
    expect(result.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'profiles.a.(a key not shown): unknown key',
    ]);
  });

  it('reports YAML errors by line and column without quoting the text', async () => {
    for (const text of ['a: 1\nb: *SECRETALIAS\n', '- a\nSECRETKEY: 1\n', 'a: [1, SECRET 2\n']) {
      await world.write(world.userFile, text);
      const result = await load();
      expect(result.ok).toBe(false);
      expect(everything(result)).not.toContain('SECRET');
    }
  });
});

describe('size limits, checked before parsing', () => {
  it('refuses a file over 1 MiB without parsing it', async () => {
    const lines = Array.from({ length: 60_000 }, (_, i) => `  p${i}: {type: local}`);
    await world.write(world.userFile, `profiles:\n${lines.join('\n')}\n`);
    const result = await load();
    expect(result.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^1\.\d MiB, larger than the 1 MiB berth reads/),
    ]);
  });

  it('refuses more than 1000 profiles', async () => {
    const lines = Array.from({ length: 1001 }, (_, i) => `  p${i}: {type: local}`);
    await world.write(world.userFile, `profiles:\n${lines.join('\n')}\n`);
    const result = await load();
    expect(result.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'profiles: 1001 profiles; at most 1000 are allowed',
    ]);
  });
});

describe('files a profile names must be regular files', () => {
  it('refuses /dev/zero as knownHostsFile or identityFile (a read would never end)', async () => {
    await world.write(
      world.userFile,
      'profiles:\n  z:\n    type: ssh\n    host: h\n    user: u\n    knownHostsFile: /dev/zero\n    identityFile: /dev/zero\n',
    );
    const result = await load();
    expect(result.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'profiles.z.identityFile: not a regular file: /dev/zero',
      'profiles.z.knownHostsFile: not a regular file: /dev/zero',
    ]);
  });

  it('skips a project file that is a FIFO instead of waiting on it', async () => {
    execFileSync('mkfifo', [join(world.cwd, 'berth.yaml')]);
    const result = await loadConfig({ cwd: world.cwd, home: world.home, env: world.env, trustProject: true });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.message)).toContain('not a regular file, ignored');
  });
});
