import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containPath, containPathLexically, resolveRealPath } from './path-containment.js';

describe('containPath (this machine: symlinks resolved)', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'berth-contain-'));
    root = join(base, 'root');
    mkdirSync(join(root, 'data', 'deep'), { recursive: true });
    writeFileSync(join(root, 'data', 'file'), 'x');
    mkdirSync(join(base, 'outside'));
    symlinkSync('/', join(root, 'to-slash'));
    symlinkSync(join(base, 'outside'), join(root, 'to-outside'));
    symlinkSync(join(root, 'data'), join(root, 'to-data'));
    symlinkSync(root, join(base, 'root-link'));
    symlinkSync('loop', join(root, 'loop'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('accepts the root, folders and files below it, and paths that do not exist yet', async () => {
    for (const path of [root, join(root, 'data'), join(root, 'data', 'file'), join(root, 'new', 'later')]) {
      expect(await containPath(root, path), path).toMatchObject({ inside: true });
    }
  });

  it('follows a link inside the root to where it leads', async () => {
    expect(await containPath(root, join(root, 'to-data', 'deep'))).toEqual({
      inside: true,
      resolved: join(root, 'data', 'deep'),
    });
    // A root named through a symlink contains what the real root contains.
    expect(await containPath(join(base, 'root-link'), join(root, 'data'))).toMatchObject({ inside: true });
  });

  it('treats a link inside the root that points out of it as outside, also below a missing tail', async () => {
    expect(await containPath(root, join(root, 'to-slash'))).toEqual({
      inside: false,
      resolved: '/',
      reason: 'outside',
    });
    expect(await containPath(root, join(root, 'to-slash', 'etc', 'shadow'))).toMatchObject({
      inside: false,
      resolved: '/etc/shadow',
    });
    expect(await containPath(root, join(root, 'to-outside', 'not-yet'))).toMatchObject({
      inside: false,
      resolved: join(base, 'outside', 'not-yet'),
    });
  });

  it('refuses .., relative paths and a sibling that only shares the prefix', async () => {
    expect(await containPath(root, `${root}/data/../../outside`)).toMatchObject({
      inside: false,
      reason: 'dot-dot',
    });
    expect(await containPath(root, 'data/file')).toMatchObject({ inside: false, reason: 'relative' });
    expect(await containPath(root, `${root}-sibling`)).toMatchObject({ inside: false, reason: 'outside' });
    expect(await containPath('/', '/etc')).toMatchObject({ inside: true });
  });

  it('calls a path it cannot resolve (a symlink loop) outside', async () => {
    expect(await containPath(root, join(root, 'loop', 'x'))).toMatchObject({
      inside: false,
      reason: 'unresolvable',
    });
    expect(await resolveRealPath(join(root, 'loop'))).toBeUndefined();
  });
});

describe('containPathLexically (another machine: no symlinks to follow)', () => {
  it.each([
    ['/srv', '/srv', true],
    ['/srv', '/srv/app/data', true],
    ['/srv/', '/srv//app/', true],
    ['/', '/anything', true],
    ['/srv', '/srvx', false],
    ['/srv', '/', false],
    ['/srv', '/var/run/docker.sock', false],
  ])('root %s, path %s: inside %s', (root, path, inside) => {
    expect(containPathLexically(root, path).inside).toBe(inside);
  });

  it('refuses .. and relative paths rather than cleaning them up', () => {
    expect(containPathLexically('/srv', '/srv/../etc')).toMatchObject({ inside: false, reason: 'dot-dot' });
    expect(containPathLexically('/srv', 'srv/x')).toMatchObject({ inside: false, reason: 'relative' });
  });
});
