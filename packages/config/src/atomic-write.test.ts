import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import { makeWorld, type TempWorld } from './temp-world.test-support.js';

let world: TempWorld;
beforeEach(async () => {
  world = await makeWorld();
});
afterEach(() => world.cleanup());

it('replaces the file with the given mode and leaves no temporary file', async () => {
  const file = join(world.root, 'c.yaml');
  await writeFile(file, 'old\n');
  await writeFileAtomic(file, 'new\n', { mode: 0o640 });
  expect(await readFile(file, 'utf8')).toBe('new\n');
  expect((await stat(file)).mode & 0o777).toBe(0o640);
  expect((await readdir(world.root)).sort()).toEqual(['c.yaml', 'home', 'project']);
});

it('keeps the original untouched when the read-back check fails', async () => {
  const file = join(world.root, 'c.yaml');
  await writeFile(file, 'old\n');
  await expect(writeFileAtomic(file, 'new\n', { mode: 0o600, verify: () => false })).rejects.toMatchObject({
    code: 'VERIFY_FAILED',
  });
  expect(await readFile(file, 'utf8')).toBe('old\n');
  expect((await readdir(world.root)).sort()).toEqual(['c.yaml', 'home', 'project']);
});

it('reports WRITE_FAILED when the folder does not exist', async () => {
  await expect(
    writeFileAtomic(join(world.root, 'missing', 'c.yaml'), 'x', { mode: 0o600 }),
  ).rejects.toMatchObject({ code: 'WRITE_FAILED' });
});
