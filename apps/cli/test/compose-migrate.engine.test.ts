import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  busyboxImage,
  engineSuite,
  ensureImage,
  freePort,
  type RemoteHost,
  runCommand,
  startRemoteHost,
  testLabels,
  testRunId,
  waitUntil,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jsonOf } from './output-schemas.js';
import { type BinResult, binEnv, runBin } from './run-bin.js';

/*
 * berth compose migrate-plan, migrate and migrate-remove-source through the built bin: one
 * small stack with a named volume on the local engine (Compose v1), moved to a trixie SSH
 * host (Compose v2), as a script does it: no terminal, so removing the source needs --yes.
 */
engineSuite(
  'berth compose migrate: the built bin, local to an SSH host',
  () => {
    const stack = `berthclimig${testRunId()
      .replace(/[^a-z0-9]/g, '')
      .slice(-8)}`;
    const volume = `${stack}_data`;
    let remote: RemoteHost;
    let root: string;
    let home: string;
    let config: string;
    let directory: string;
    const berth = (argv: string[]) =>
      runBin(['--config', config, ...argv], {
        env: binEnv(home, { XDG_STATE_HOME: join(home, 'state') }),
        timeoutMs: 240_000,
      });
    const ok = (r: BinResult) => {
      expect(r.code, r.stderr).toBe(0);
      return r;
    };
    const local = (argv: string[]) => runCommand(argv, { cwd: directory, timeoutMs: 120_000, check: false });
    const running = async () =>
      (await local(['docker', 'inspect', '-f', '{{.State.Running}}', `${stack}_app_1`])).stdout.trim();
    const remoteVolumes = async () =>
      (await remote.ssh(['docker', 'volume', 'ls', '-q', '--filter', `name=${stack}`])).stdout.trim();

    beforeAll(async () => {
      const image = (await ensureImage(busyboxImage)).tag;
      remote = await startRemoteHost({ flavour: 'trixie' });
      const port = await freePort();
      // The stack's folder moves to the same path on the target: under both bindRoots.
      root = mkdtempSync('/tmp/berth-cli-migrate-');
      home = mkdtempSync('/tmp/berth-cli-migrate-home-');
      directory = join(root, stack);
      mkdirSync(directory);
      const labels = { labels: testLabels() };
      writeFileSync(
        join(directory, 'compose.yaml'),
        JSON.stringify({
          services: {
            app: {
              image,
              command: ['sh', '-c', 'echo hello > /data/hello.txt; exec httpd -f -p 80 -h /data'],
              ports: [`127.0.0.1:${port}:80`],
              stop_grace_period: '1s',
              healthcheck: { test: ['CMD', 'cat', '/data/hello.txt'], interval: '1s', retries: 60 },
              volumes: ['data:/data'],
              ...labels,
            },
          },
          volumes: { data: labels },
          networks: { default: labels },
        }),
      );
      config = join(home, 'berth.yaml');
      writeFileSync(
        config,
        JSON.stringify({
          profiles: {
            local: { type: 'local', bindRoots: [root] },
            remote: remote.sshProfile({ bindRoots: [root] }),
          },
        }),
      );
      await runCommand(['docker-compose', '-p', stack, 'up', '-d'], { cwd: directory, timeoutMs: 120_000 });
      await waitUntil(
        'the stack is healthy on the source',
        async () =>
          (
            await local(['docker', 'inspect', '-f', '{{.State.Health.Status}}', `${stack}_app_1`])
          ).stdout.trim() === 'healthy',
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    }, 300_000);

    afterAll(async () => {
      if (directory)
        await local(['docker-compose', '-p', stack, 'down', '-v', '--timeout', '1']).catch(() => {});
      await remote?.[Symbol.asyncDispose]();
      for (const dir of [root, home]) if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('shows the plan as a table and as compose_read JSON, and changes nothing', async () => {
      const table = ok(await berth(['compose', 'migrate-plan', stack, '--to', 'remote']));
      expect(table.stdout).toMatch(/^KIND\s+NAME/);
      expect(table.stdout).toMatch(/plan\s+.*ready, no blockers/);
      expect(table.stdout).toContain(volume);
      const plan = jsonOf(
        'compose_read',
        ok(await berth(['compose', 'migrate-plan', stack, '--to', 'remote', '--json'])).stdout,
      );
      expect(plan.rows[0]).toMatchObject({
        kind: 'plan',
        note: expect.stringMatching(/^ready, no blockers/),
      });
      expect(plan.rows).toContainEqual(expect.objectContaining({ kind: 'volume', name: volume }));
      expect(plan.rows.filter((r) => r.kind === 'blocker')).toEqual([]);
      expect(await running()).toBe('true');
      expect(await remoteVolumes()).toBe('');
      const missing = await berth(['compose', 'migrate-plan', stack]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('--to');
    });

    it('migrates, then removes the source only with --yes', async () => {
      const moved = jsonOf(
        'compose_ops',
        ok(await berth(['compose', 'migrate', stack, '--to', 'remote', '--json'])).stdout,
      );
      expect(moved.rows).toContainEqual(expect.objectContaining({ kind: 'volume', name: volume }));
      const planId = /\b([0-9a-f]{32})\b/.exec(JSON.stringify(moved.rows))?.[1];
      expect(planId).toBeDefined();
      expect(await remoteVolumes()).toContain(volume);
      expect(await running()).toBe('false');
      const refused = await berth(['compose', 'migrate-remove-source', planId as string]);
      expect(refused.code, refused.stderr).toBe(7);
      expect(refused.stderr).toContain('Pass --yes');
      expect((await local(['docker', 'volume', 'inspect', volume])).exitCode).toBe(0);
      ok(await berth(['compose', 'migrate-remove-source', planId as string, '--yes']));
      expect((await local(['docker', 'volume', 'inspect', volume])).exitCode).not.toBe(0);
    });
  },
  { timeout: 300_000 },
);
