import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '@berth/errors';
import { busyboxImage, engineSuite, ensureImage, testLabels, waitUntil } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jsonOf } from './output-schemas.js';
import { type BinResult, binEnv, runBin, startBin } from './run-bin.js';

const exit = (code: keyof typeof ERROR_CODES) => ERROR_CODES[code].exitCode;

engineSuite('berth CLI on the local engine: the built bin, no terminal', () => {
  let home: string;
  let config: string;
  let image: string;
  const name = `berth-cli-${process.pid}`;
  const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['-l', `${k}=${v}`]);
  const berth = (argv: string[], input?: string) =>
    runBin(['--config', config, ...argv], { env: binEnv(home), ...(input !== undefined ? { input } : {}) });
  const ok = (r: BinResult) => {
    expect(r.code, r.stderr).toBe(0);
    return r;
  };

  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    home = await mkdtemp(join(tmpdir(), 'berth-cli-'));
    config = join(home, 'berth.yaml');
    await writeFile(
      config,
      [
        'profiles:',
        '  local:',
        '    type: local',
        '  ro:',
        '    type: local',
        '    readOnly: true',
        '  dead:',
        '    type: local',
        `    socketPath: ${join(home, 'nothing.sock')}`,
        'defaultProfile: local',
        '',
      ].join('\n'),
    );
  }, 300_000);
  afterAll(async () => {
    await runBin(['--config', config, 'rm', '--yes', '-f', name, `${name}-2`], { env: binEnv(home) });
    await rm(home, { recursive: true, force: true });
  });

  it("runs a container and reads it back with every read command, --json matching the tools' schemas", async () => {
    const run = ok(
      await berth([
        'run',
        '--json',
        '--name',
        name,
        ...labels,
        image,
        '--',
        'sh',
        '-c',
        'echo hello; echo oops >&2; exec sleep 300',
      ]),
    );
    expect(jsonOf('create', run.stdout).rows[0]).toMatchObject({ name, state: 'running' });

    const table = ok(await berth(['ps']));
    expect(table.stdout.split('\n')[0]).toMatch(/^NAME\s+ID\s+IMAGE\s+STATUS/);
    expect(table.stdout).toContain(name);
    expect(table.stdout).not.toContain('\u001b[');
    const ps = jsonOf('read', ok(await berth(['ps', '--json', '--filter', `name=${name}`])).stdout);
    expect(ps.rows.map((r) => r.name)).toEqual([name]);

    const info = jsonOf('read', ok(await berth(['inspect', name, '--json'])).stdout);
    expect(info.rows[0]).toMatchObject({ name, image, state: 'running' });

    await waitUntil('the log line', async () => (await berth(['logs', name])).stdout.includes('hello'), {
      timeoutMs: 20_000,
    });
    const logs = ok(await berth(['logs', name]));
    expect(logs.stdout).toBe('hello\n');
    expect(logs.stderr).toContain('oops');
    const logsJson = jsonOf('read', ok(await berth(['logs', name, '--json', '-n', '5'])).stdout);
    expect(logsJson.rows[0]?.lines).toEqual(expect.arrayContaining([expect.stringMatching(/out\| hello$/)]));

    const top = jsonOf('read', ok(await berth(['top', name, '--json'])).stdout);
    expect(top.rows.some((r) => String(r.command).includes('sleep'))).toBe(true);
    const stats = jsonOf('read', ok(await berth(['stats', name, '--no-stream', '--json'])).stdout);
    expect(stats.rows[0]).toHaveProperty('mem');

    const events = jsonOf(
      'read',
      ok(
        await berth([
          'events',
          '--since',
          '5m',
          '--until',
          new Date().toISOString(),
          '--container',
          name,
          '--json',
        ]),
      ).stdout,
    );
    expect(events.rows.map((r) => r.action)).toContain('start');
  });

  it("exec takes argv after --, passes stdin with -i and exits with the command's code", async () => {
    const failed = await berth(['exec', name, '--', 'sh', '-c', 'echo to-out; echo to-err >&2; exit 4']);
    expect(failed.code).toBe(4);
    expect(failed.stdout).toBe('to-out\n');
    expect(failed.stderr).toBe('to-err\n');
    const piped = ok(await berth(['exec', '-i', name, '--', 'cat'], 'piped in'));
    expect(piped.stdout).toBe('piped in');
    const json = await berth(['exec', '--json', name, '--', 'sh', '-c', 'exit 3']);
    expect(json.code).toBe(3);
    expect(jsonOf('container_ops', json.stdout).rows[0]).toMatchObject({ exitCode: 3 });
    const noArgv = await berth(['exec', name]);
    expect(noArgv.code).toBe(exit('INVALID'));
    expect(noArgv.stderr).toMatch(/^berth: exec needs the command after --/);
  });

  it('changes state with start, stop, restart, pause, unpause, kill', async () => {
    for (const argv of [
      ['pause'],
      ['unpause'],
      ['restart', '-t', '1'],
      ['kill', '-s', 'SIGKILL'],
      ['start'],
      ['stop', '-t', '1'],
    ]) {
      const r = ok(await berth([...argv, name, '--json']));
      expect(jsonOf('container_ops', r.stdout).rows[0]).toMatchObject({ id: name });
    }
    const state = jsonOf('read', ok(await berth(['inspect', name, '--json'])).stdout).rows[0]?.state;
    expect(state).toBe('exited');
  });

  it('rm asks: without a terminal or --yes it refuses and keeps the container; --dry-run plans; --yes removes', async () => {
    const refused = await berth(['rm', name]);
    expect(refused.code).toBe(exit('CONFIRMATION_REQUIRED'));
    expect(refused.stderr).toContain(name);
    expect(refused.stderr).toMatch(/nothing was changed\. Pass --yes/);
    expect(refused.stderr.split('\n').filter((l) => l.startsWith('berth:'))).toHaveLength(1);
    ok(await berth(['inspect', name]));

    const plan = jsonOf('remove', ok(await berth(['rm', '--dry-run', '--json', name])).stdout);
    expect(plan.rows[0]).toMatchObject({ kind: 'container', name });
    expect(plan).not.toHaveProperty('confirm_token');

    const removed = jsonOf('remove', ok(await berth(['rm', '--yes', '--json', name])).stdout);
    expect(removed.rows[0]).toMatchObject({ name, result: 'removed' });
    const gone = await berth(['inspect', name]);
    expect(gone.code).toBe(exit('NOT_FOUND'));
    expect(gone.stderr.trim().split('\n')).toHaveLength(1);
    const audit = await readFile(join(home, '.local/state/berth/audit.jsonl'), 'utf8');
    // The person at the terminal is the caller: `cli:<user>`.
    expect(audit).toContain(
      `"via":"cli","caller":"${process.env.USER || 'root'}","host":"local","tool":"remove","action":"remove","target":"container ${name}","outcome":"ok"`,
    );
  });

  it('volumes, networks, images and prune go through the same runner', async () => {
    const vol = `${name}-vol`;
    const net = `${name}-net`;
    ok(await berth(['volumes', 'create', vol, ...labels]));
    ok(await berth(['networks', 'create', net, ...labels]));
    expect(
      jsonOf('read', ok(await berth(['volumes', '--json', '--filter', `name=${vol}`])).stdout).rows,
    ).toHaveLength(1);
    expect(
      jsonOf('read', ok(await berth(['networks', 'ls', '--json', '--filter', `name=${net}`])).stdout).rows,
    ).toHaveLength(1);
    expect(jsonOf('read', ok(await berth(['images', '--json'])).stdout).rows.length).toBeGreaterThan(0);
    const [runLabel] = Object.entries(testLabels());
    const prune = jsonOf(
      'remove',
      ok(
        await berth([
          'prune',
          'volumes',
          '--label',
          `${runLabel?.[0]}=${runLabel?.[1]}`,
          '--dry-run',
          '--json',
        ]),
      ).stdout,
    );
    expect(prune.rows.map((r) => r.name)).toContain(vol);
    ok(await berth(['volumes', 'rm', '--yes', vol]));
    ok(await berth(['networks', 'rm', '--yes', net]));
    expect(
      jsonOf('read', ok(await berth(['volumes', '--json', '--filter', `name=${vol}`])).stdout).rows,
    ).toHaveLength(0);
  });

  it('hosts: list, test, add, edit, remove a profile, and the host reads', async () => {
    const hosts = jsonOf('read', ok(await berth(['hosts', '--json'])).stdout);
    expect(hosts.rows.map((r) => r.host).sort()).toEqual(['dead', 'local', 'ro']);
    const tested = jsonOf('read', ok(await berth(['hosts', 'test', 'local', '--json'])).stdout);
    expect(tested.rows[0]).toMatchObject({ host: 'local', version: expect.stringMatching(/^\d+\./) });
    for (const argv of [
      ['hosts', 'df'],
      ['hosts', 'ports'],
      ['hosts', 'cleanup'],
    ]) {
      jsonOf('read', ok(await berth([...argv, '--json'])).stdout);
    }
    // Not this machine: a profile for it would be read-only like its read-only twin `ro`.
    ok(
      await berth([
        'hosts',
        'add',
        'extra',
        'ssh://deploy@berth-test.invalid:2222',
        '--description',
        'added by a test',
      ]),
    );
    ok(await berth(['hosts', 'edit', 'extra', '--description', 'edited by a test', '--tags', 'a,b']));
    const after = jsonOf('read', ok(await berth(['hosts', 'ls', '--json'])).stdout).rows.find(
      (r) => r.host === 'extra',
    );
    expect(after).toMatchObject({
      type: 'ssh',
      description: 'edited by a test',
      tags: 'a,b',
      readOnly: false,
    });
    expect((await berth(['hosts', 'rm', 'extra'])).code).toBe(exit('CONFIRMATION_REQUIRED'));
    ok(await berth(['hosts', 'rm', '--yes', 'extra']));
    expect(await readFile(config, 'utf8')).not.toContain('extra');

    await mkdir(join(home, '.ssh'), { recursive: true });
    await writeFile(
      join(home, '.ssh', 'config'),
      'Host buildbox\n  HostName berth-import.invalid\n  User deploy\n',
    );
    const imported = jsonOf(
      'host_config',
      ok(await berth(['hosts', 'import-ssh', 'buildbox', '--json'])).stdout,
    );
    expect(imported.rows[0]).toMatchObject({ name: 'buildbox', done: 'imported' });
    const shown = JSON.parse(ok(await berth(['config', 'show'])).stdout);
    expect(shown.profiles.buildbox).toMatchObject({
      type: 'ssh',
      host: 'berth-import.invalid',
      user: 'deploy',
    });
    expect(ok(await berth(['config', 'path'])).stdout).toContain(`writes  ${config}`);
    ok(await berth(['hosts', 'rm', '--yes', 'buildbox']));
  });

  it('each failure class has its exit code and one line on stderr', async () => {
    const cases: [string[], number][] = [
      [['ps', '--no-such-flag'], 2],
      [['ps', '--filter', 'bogus'], exit('INVALID')],
      [['logs', 'no-such-container-xyz'], exit('NOT_FOUND')],
      [['--host', 'nope', 'ps'], exit('UNKNOWN_HOST')],
      [['--host', 'dead', 'ps'], exit('UNREACHABLE')],
      [['--host', 'ro', 'run', image], exit('READ_ONLY')],
      [['run', '--name', `${name}-2`, ...labels, image, '--', 'sleep', '1'], 0],
      [['run', '--name', `${name}-2`, image], exit('CONFLICT')],
    ];
    for (const [argv, code] of cases) {
      const r = await berth(argv);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(code);
      if (code !== 0) expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const broken = join(home, 'broken.yaml');
    await writeFile(broken, 'profiles:\n  x: [\n');
    const bad = await runBin(['--config', broken, 'ps'], { env: binEnv(home) });
    expect(bad.code).toBe(exit('INVALID_YAML'));
    const validate = await runBin(['--config', broken, 'config', 'validate'], { env: binEnv(home) });
    expect(validate.code).toBe(exit('INVALID_CONFIG'));
    expect(validate.stderr).toContain(broken);
  });

  it('doctor says the engine of a profile is not reachable and how to start it', async () => {
    const r = await berth(['doctor']);
    expect(r.code).toBe(exit('FAILED'));
    expect(r.stdout).toMatch(/ok\s+engine local: local, engine \d+/);
    expect(r.stdout).toMatch(/FAIL engine dead: engine not reachable/);
    expect(r.stdout).toMatch(/fix: start the Docker engine \(sudo systemctl start docker, or run dockerd\)/);
    expect(r.stdout).toMatch(/compose this machine: /);
    const json = JSON.parse(ok(await runBin(['config', 'schema'], { env: binEnv(home) })).stdout);
    expect(json).toHaveProperty('properties.profiles');
    expect(ok(await berth(['config', 'validate'])).stdout).toMatch(/^valid: 3 profiles/);
  });

  it('logs -f ends by itself, exit 0, once the container has stopped and its last lines are printed', async () => {
    const short = `${name}-short`;
    ok(
      await berth([
        'run',
        '--name',
        short,
        ...labels,
        image,
        '--',
        'sh',
        '-c',
        'for i in 1 2 3 4; do echo line $i; sleep 1; done; echo last line',
      ]),
    );
    try {
      // No Ctrl-C: the command must end on its own when the container exits.
      const follow = startBin(['--config', config, 'logs', '-f', short], { env: binEnv(home) });
      const done = await follow.done;
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toBe('line 1\nline 2\nline 3\nline 4\nlast line\n');
      const state = jsonOf('read', ok(await berth(['inspect', '--json', short])).stdout).rows[0];
      expect(state).toMatchObject({ state: 'exited' });
    } finally {
      await berth(['rm', '--yes', '-f', short]);
    }
  });

  it('logs -f and live stats stream until Ctrl-C and end cleanly', async () => {
    const ticker = `${name}-tick`;
    ok(
      await berth([
        'run',
        '--name',
        ticker,
        ...labels,
        image,
        '--',
        'sh',
        '-c',
        'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.3; done',
      ]),
    );
    try {
      const follow = startBin(['--config', config, 'logs', '-f', '-n', '1', ticker], { env: binEnv(home) });
      await waitUntil('followed lines', async () => (follow.output().match(/tick/g) ?? []).length >= 4, {
        timeoutMs: 30_000,
      });
      follow.child.kill('SIGINT');
      const done = await follow.done;
      expect(done.code).toBe(0);
      expect(done.stderr).toBe('');
      const ticks = done.stdout
        .trim()
        .split('\n')
        .map((l) => Number(l.replace('tick ', '')));
      // Every line once, in order, none skipped between polls.
      expect(ticks).toEqual(ticks.map((_, i) => (ticks[0] as number) + i));

      const stats = startBin(['--config', config, 'stats', ticker], { env: binEnv(home) });
      await waitUntil('two rounds of stats', async () => (stats.output().match(/CPU/g) ?? []).length >= 2, {
        timeoutMs: 30_000,
      });
      stats.child.kill('SIGINT');
      const ended = await stats.done;
      expect(ended.code).toBe(0);
      expect(ended.stderr).toBe('');
    } finally {
      await berth(['rm', '--yes', '-f', ticker]);
    }
  });
});
