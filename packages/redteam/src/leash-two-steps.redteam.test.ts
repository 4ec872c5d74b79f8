import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, dockerClient, engineSuite, ensureImage } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attackClient } from './bin.test-support.js';

/**
 * Loosening in two steps: remove the read-only profile (a data-losing action the agent
 * could confirm with its own token), then add a writable one. And a dry run of an action
 * whose call takes no risk must still never act.
 */
engineSuite('leash: no loosening in two steps, no dry run that acts', () => {
  let dir: string;
  let config: string;
  const original = [
    'defaultProfile: prod',
    'profiles:',
    '  prod:',
    '    type: local',
    '    readOnly: true',
    '  work:',
    '    type: local',
    '',
  ].join('\n');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-leash2-'));
    config = join(dir, 'berth.yaml');
    await writeFile(config, original);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const start = () =>
    attackClient({
      args: ['--config', config, '--audit-log', 'off'],
      env: { HOME: dir, XDG_STATE_HOME: join(dir, 'state') },
    });

  it('a read-only profile is not removed through host_config, with or without a token', async () => {
    await using attack = await start();
    const asked = await attack.call('host_config', { action: 'remove', name: 'prod' });
    expect(asked.isError).toBe(true);
    expect(asked.text).toMatch(/read-only; a person removes it by editing/);
    const forged = await attack.call('host_config', {
      action: 'remove',
      name: 'prod',
      confirm_token: '9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(forged.isError).toBe(true);
    expect(await readFile(config, 'utf8')).toBe(original);
  });

  it('a dry run of a run that takes no risk creates nothing', async () => {
    await using attack = await start();
    const name = `berth-rt-dry-${process.pid}`;
    // A real local image: a dry run that acted would create a container.
    const { tag } = await ensureImage(busyboxImage);
    const answer = await attack.call('create', {
      action: 'run',
      host: 'work',
      image: tag,
      cmd: ['true'],
      name,
      dry_run: true,
    });
    expect(answer.isError).toBe(false);
    expect(answer.text).toMatch(/Dry run/);
    const found = await dockerClient()
      .getContainer(name)
      .inspect()
      .then(
        () => true,
        () => false,
      );
    expect(found).toBe(false);
  });
});
