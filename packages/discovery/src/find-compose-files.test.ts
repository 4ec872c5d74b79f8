import { describe, expect, it } from 'vitest';
import { COMPOSE_FILE_NAMES, findComposeFiles } from './find-compose-files.js';
import { cleanEnv, fixtureTree } from './fixture-tree.test-support.js';
import { loadComposeProject } from './load-compose-project.js';

const service = 'services:\n  app:\n    image: busybox\n';

describe('findComposeFiles', () => {
  it.each(COMPOSE_FILE_NAMES)('finds %s by walking up from a nested directory', async (name) => {
    using tree = fixtureTree({ [`proj/${name}`]: service, 'proj/a/b/.keep': '' });
    const found = await findComposeFiles({ cwd: tree.path('proj/a/b'), env: cleanEnv() });
    expect(found).toEqual({
      files: [tree.path('proj', name)],
      workingDir: tree.path('proj'),
      via: 'walk-up',
    });
  });

  it('prefers compose.yaml over the other names, and stops at the nearest directory', async () => {
    using tree = fixtureTree({
      'compose.yaml': service,
      'proj/docker-compose.yml': service,
      'proj/compose.yml': service,
      'proj/sub/.keep': '',
    });
    const found = await findComposeFiles({ cwd: tree.path('proj/sub'), env: cleanEnv() });
    expect(found?.files).toEqual([tree.path('proj/compose.yml')]);
  });

  it('adds the override file after the base file', async () => {
    using tree = fixtureTree({ 'docker-compose.yml': service, 'docker-compose.override.yml': service });
    const found = await findComposeFiles({ cwd: tree.root, env: cleanEnv() });
    expect(found?.files).toEqual([tree.path('docker-compose.yml'), tree.path('docker-compose.override.yml')]);
  });

  it('reads COMPOSE_FILE with its separator, relative to the start directory', async () => {
    using tree = fixtureTree({ 'base.yml': service, 'extra/more.yml': service, 'compose.yaml': service });
    const colon = await findComposeFiles({
      cwd: tree.root,
      env: cleanEnv({ COMPOSE_FILE: 'base.yml:extra/more.yml' }),
    });
    expect(colon).toMatchObject({ files: [tree.path('base.yml'), tree.path('extra/more.yml')], via: 'env' });
    const semicolon = await findComposeFiles({
      cwd: tree.root,
      env: cleanEnv({ COMPOSE_FILE: 'extra/more.yml;base.yml', COMPOSE_PATH_SEPARATOR: ';' }),
    });
    expect(semicolon?.files).toEqual([tree.path('extra/more.yml'), tree.path('base.yml')]);
    // The first file's directory is the working directory.
    expect(semicolon?.workingDir).toBe(tree.path('extra'));
  });

  it('lets -f win over COMPOSE_FILE, and fails on a named file that does not exist', async () => {
    using tree = fixtureTree({ 'one.yml': service, 'two.yml': service });
    const found = await findComposeFiles({
      cwd: tree.root,
      files: ['two.yml'],
      env: cleanEnv({ COMPOSE_FILE: 'one.yml' }),
    });
    expect(found).toMatchObject({ files: [tree.path('two.yml')], via: 'option' });
    await expect(
      findComposeFiles({ cwd: tree.root, env: cleanEnv({ COMPOSE_FILE: 'gone.yml' }) }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      data: { file: tree.path('gone.yml') },
    });
  });

  it('finds nothing in a directory tree without a compose file, and loading says so', async () => {
    using tree = fixtureTree({ 'empty/docker-compose.txt': service });
    expect(await findComposeFiles({ cwd: tree.path('empty'), env: cleanEnv() })).toBeUndefined();
    const error = await loadComposeProject({ cwd: tree.path('empty'), env: cleanEnv() }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect((error as Error).message).toContain(`in ${tree.path('empty')} or any parent directory`);
    expect((error as Error).message).toContain('compose.yml');
  });
});
