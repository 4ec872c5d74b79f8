import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '@berth/errors';
import {
  busyboxImage,
  engineSuite,
  ensureImage,
  runCommand,
  startRegistry,
  testLabels,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binEnv, runBin, runInPty } from './run-bin.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape codes are what is checked.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

engineSuite('berth CLI at a terminal: prompts, colour, table width, pull progress', () => {
  let home: string;
  let config: string;
  let image: string;
  const name = `berth-tty-${process.pid}`;
  const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['-l', `${k}=${v}`]);
  const berth = (argv: string[]) => runBin(['--config', config, ...argv], { env: binEnv(home) });

  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    home = await mkdtemp(join(tmpdir(), 'berth-tty-'));
    config = join(home, 'berth.yaml');
    await writeFile(config, 'profiles:\n  local:\n    type: local\n');
    const run = await berth(['run', '--name', name, ...labels, image, '--', 'sleep', '300']);
    expect(run.code, run.stderr).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await berth(['rm', '--yes', '-f', name]);
    await rm(home, { recursive: true, force: true });
  });

  it('asks before rm, with the plan: no keeps the container (DECLINED), yes removes it', async () => {
    const declined = await runInPty(['--config', config, 'rm', '-f', name], [['Go ahead?', 'n\r']], {
      env: binEnv(home),
    });
    expect(declined.stdout).toContain(name);
    expect(declined.code).toBe(ERROR_CODES.DECLINED.exitCode);
    expect((await berth(['inspect', name])).code).toBe(0);

    const removed = await runInPty(['--config', config, 'rm', '-f', name], [['Go ahead?', 'y\r']], {
      env: binEnv(home),
    });
    expect(removed.code, removed.stdout).toBe(0);
    expect(removed.stdout.replace(ANSI, '')).toMatch(/container\s+\w+\s+berth-tty-\d+\s+removed/);
    expect((await berth(['inspect', name])).code).toBe(ERROR_CODES.NOT_FOUND.exitCode);
  });

  it('colours on a terminal only without NO_COLOR, and cuts tables to its width', async () => {
    const env = binEnv(home);
    const coloured = await runInPty(['--config', config, 'images'], [], { env });
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toMatch(ANSI);
    for (const l of coloured.stdout.replace(ANSI, '').split(/\r?\n/))
      expect(l.length).toBeLessThanOrEqual(120);
    const plain = await runInPty(['--config', config, 'images'], [], { env: { ...env, NO_COLOR: '1' } });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toMatch(ANSI);
    expect(plain.stdout).toMatch(/^ID\s+TAGS/);
  });

  it('pull shows a progress bar on a terminal and then the pulled image', async () => {
    await using registry = await startRegistry();
    await runCommand(['docker', 'image', 'rm', registry.testImage], { timeoutMs: 60_000 });
    const pulled = await runInPty(['--config', config, 'pull', registry.testImage], [], {
      env: binEnv(home),
    });
    expect(pulled.code, pulled.stdout).toBe(0);
    expect(pulled.stdout).toMatch(/pulling \[/);
    expect(pulled.stdout).toContain('Downloaded newer image');
    const listed = await berth([
      'images',
      '--json',
      '--filter',
      `name=${registry.testImage.split('/').at(-1)?.split(':')[0]}`,
    ]);
    expect(listed.stdout).toContain(registry.testImage);
    const removed = await berth(['rmi', '--yes', '--json', registry.testImage]);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toContain('"result":');
  });
});
