import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ERROR_CODES } from '@berth/errors';
import { busyboxImage, engineSuite, ensureImage, runCommand, testLabels, testRunId } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jsonOf } from './output-schemas.js';
import { type BinResult, binEnv, runBin, runInPty } from './run-bin.js';

const exit = (code: keyof typeof ERROR_CODES) => ERROR_CODES[code].exitCode;

/*
 * berth compose through the built bin, on the local engine with the real docker-compose:
 * one small stack deployed from a temp folder, read, taken down keeping its volume, brought
 * up again and taken down with it, in order, as a person would.
 */
engineSuite('berth compose: the built bin on the local engine', () => {
  const stack = `berthcli${testRunId()
    .replace(/[^a-z0-9]/g, '')
    .slice(-10)}`;
  const secret = `sekrit-${process.pid}`;
  const volume = `${stack}_data`;
  let home: string;
  let config: string;
  let composeFile: string;
  const berth = (argv: string[]) => runBin(['--config', config, ...argv], { env: binEnv(home) });
  const ok = (r: BinResult) => {
    expect(r.code, r.stderr).toBe(0);
    return r;
  };
  const volumeExists = async () =>
    (await runCommand(['docker', 'volume', 'inspect', volume], { timeoutMs: 30_000, check: false }))
      .exitCode === 0;

  beforeAll(async () => {
    const image = (await ensureImage(busyboxImage)).tag;
    home = await mkdtemp(join(tmpdir(), 'berth-cli-compose-'));
    config = join(home, 'berth.yaml');
    await writeFile(
      config,
      JSON.stringify({ profiles: { local: { type: 'local', composePaths: [join(home, 'stacks')] } } }),
    );
    composeFile = join(home, 'compose.yaml');
    // JSON is YAML: no YAML writer needed.
    await writeFile(
      composeFile,
      JSON.stringify({
        services: {
          db: {
            image,
            command: ['sh', '-c', 'echo "hello from db, password $$DB_PASSWORD"; exec sleep 300'],
            // biome-ignore lint/suspicious/noTemplateCurlyInString: compose interpolates it from the stack's .env.
            environment: { DB_PASSWORD: '${DB_PASSWORD}' },
            volumes: ['data:/data'],
            labels: testLabels(),
          },
        },
        volumes: { data: { labels: testLabels() } },
        networks: { default: { labels: testLabels() } },
      }),
    );
  }, 300_000);
  afterAll(async () => {
    await runCommand(['docker-compose', '-p', stack, 'down', '-v', '--timeout', '1'], {
      cwd: join(home, 'stacks', stack),
      timeoutMs: 120_000,
      check: false,
    });
    await rm(home, { recursive: true, force: true });
  });

  it('deploys a stack from a file, and lists, reads and completes it with its secret masked', async () => {
    const deployed = ok(
      await berth([
        'compose',
        'deploy',
        stack,
        '-f',
        composeFile,
        '-e',
        `DB_PASSWORD=${secret}`,
        '--no-pull',
      ]),
    );
    expect(deployed.stdout).toMatch(new RegExp(`${stack}\\s+db\\s+running`));

    const ls = jsonOf('compose_read', ok(await berth(['compose', 'ls', '--json'])).stdout);
    expect(ls.rows).toContainEqual(
      expect.objectContaining({ stack, dir: join(home, 'stacks', stack), containers: '1/1 running' }),
    );
    const ps = jsonOf('compose_read', ok(await berth(['compose', 'ps', stack, '--json'])).stdout);
    expect(ps.rows).toEqual([expect.objectContaining({ service: 'db', state: 'running' })]);

    const logs = ok(await berth(['compose', 'logs', stack, 'db', '-n', '5']));
    expect(logs.stdout).toContain('hello from db, password');
    const model = ok(await berth(['compose', 'config', stack]));
    expect(model.stdout).toContain('"DB_PASSWORD"');
    for (const out of [deployed, logs, model]) expect(out.stdout + out.stderr).not.toContain(secret);

    const completed = ok(
      await runBin(['--config', config, '__complete', 'compose', 'ps'], { env: binEnv(home) }),
    );
    expect(completed.stdout.split('\n')).toContain(stack);
  });

  it('a wrong stack name: not found (exit 3) with the close name, a malformed one invalid (exit 2)', async () => {
    const wrong = await berth(['compose', 'ps', `${stack}x`]);
    expect(wrong.code).toBe(exit('NOT_FOUND'));
    expect(wrong.stderr).toContain(`did you mean ${stack}`);
    expect((await berth(['compose', 'stop', 'Not A Stack'])).code).toBe(exit('INVALID'));
  });

  it('down asks first, keeps the volume without --volumes, and deletes it with --volumes --yes', async () => {
    const refused = await berth(['compose', 'down', stack]);
    expect(refused.code).toBe(exit('CONFIRMATION_REQUIRED'));
    expect(refused.stderr).toContain(`container`);
    const plan = ok(await berth(['compose', 'down', stack, '--volumes', '--dry-run']));
    expect(plan.stdout).toMatch(new RegExp(`volume\\s+${volume}`));
    expect(await volumeExists()).toBe(true);

    ok(await berth(['compose', 'down', stack, '--yes']));
    expect(await volumeExists()).toBe(true);
    const gone = jsonOf('compose_read', (await berth(['compose', 'ps', stack, '--json'])).stdout);
    expect(gone.rows.filter((r) => r.state === 'running')).toEqual([]);

    // The stack's folder is still under composePaths: up finds it by name. On a terminal,
    // compose's own lines show as it works.
    const up = await runInPty(['--config', config, 'compose', 'up', stack], [], { env: binEnv(home) });
    expect(up.code, up.stdout).toBe(0);
    expect(up.stdout).toMatch(new RegExp(`(Creating|Starting) ${stack}_db_1`));
    expect(up.stdout).toMatch(new RegExp(`${stack}\\s+db\\s+running`));
    ok(await berth(['compose', 'down', stack, '--volumes', '--yes']));
    expect(await volumeExists()).toBe(false);
  });
});
