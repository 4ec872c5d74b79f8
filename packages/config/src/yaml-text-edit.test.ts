import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { addProfile, editProfile, removeProfile } from './profile-writes.js';
import { makeWorld, type TempWorld } from './temp-world.test-support.js';

let world: TempWorld;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(() => world.cleanup());

const read = () => readFile(world.userFile, 'utf8');

describe('surgical edits on unusual layouts', () => {
  it.each([
    ['an empty file', '', 'profiles:\n  nu:\n    type: local\n'],
    ['a comment-only file', '# just a comment', '# just a comment\nprofiles:\n  nu:\n    type: local\n'],
    [
      'an empty profiles key',
      'profiles:   # none yet\nother: 1\n',
      'profiles:   # none yet\n  nu:\n    type: local\nother: 1\n',
    ],
    [
      'no trailing newline',
      'profiles:\n  a:\n    type: local',
      'profiles:\n  a:\n    type: local\n  nu:\n    type: local\n',
    ],
  ])('adds to %s', async (_name, before, after) => {
    await world.write(world.userFile, before);
    const result = await addProfile(world.userFile, 'nu', { type: 'local' });
    expect(result.style).toBe('surgical');
    expect(await read()).toBe(after);
  });

  it('removing the last profile leaves `profiles: {}`, and adding grows it back to block style', async () => {
    await world.write(world.userFile, '# top\nprofiles:\n  a:\n    type: local\nkeep: me\n');
    await removeProfile(world.userFile, 'a');
    expect(await read()).toBe('# top\nprofiles: {}\nkeep: me\n');
    await addProfile(world.userFile, 'b', { type: 'local' });
    expect(await read()).toBe('# top\nprofiles:\n  b:\n    type: local\nkeep: me\n');
  });

  it('keeps CRLF line endings', async () => {
    await world.write(world.userFile, 'profiles:\r\n  a:\r\n    type: local\r\n    description: x\r\n');
    await editProfile(world.userFile, 'a', { description: 'why', tags: ['t'] });
    const text = await read();
    expect(text).toBe(
      'profiles:\r\n  a:\r\n    type: local\r\n    description: why\r\n    tags:\r\n      - t\r\n',
    );
    expect(parse(text).profiles.a).toEqual({ type: 'local', description: 'why', tags: ['t'] });
  });

  it('quotes names a YAML 1.1 reader would take for booleans', async () => {
    await addProfile(world.userFile, 'n', { type: 'local' });
    expect(await read()).toBe('profiles:\n  "n":\n    type: local\n');
  });

  it('fills a key that has no value yet, and edits keys written with quotes', async () => {
    await world.write(world.userFile, 'profiles:\n  "a":\n    type: local\n    description:\n');
    await editProfile(world.userFile, 'a', { description: 'set' });
    expect(await read()).toBe('profiles:\n  "a":\n    type: local\n    description: set\n');
  });
});
