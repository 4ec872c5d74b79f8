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
import { BERTH_TOOLS } from '../berth-tools.js';
import { LIBRARY_CALLER } from '../framework/caller.js';
import { createToolContext } from '../framework/create-tool-context.js';
import { runTool, type ToolResult } from '../framework/runner.js';
import type { ToolContext } from '../framework/tool-context.js';
import type { ToolOutput } from '../framework/tool-output.js';

const labelArgs = () => Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);

/** sha256 of every file in a volume, listed inside a container: independent of berth's manifests. */
const LISTING = 'cd /d && find . -type f -exec sha256sum {} + | sort';

/*
 * Migration through the runner, as an agent does it: plan, migrate from the local engine
 * (Compose v1) to a trixie SSH host (Compose v2), then remove the source once confirmed.
 * One stack with a named volume of known data; the data is compared inside containers.
 */
engineSuite(
  'compose migration through the runner',
  () => {
    const stack = `berthmig${testRunId()
      .replace(/[^a-z0-9]/g, '')
      .slice(-10)}`;
    const volume = `${stack}_data`;
    let remote: RemoteHost;
    let root: string;
    let state: string;
    let directory: string;
    let context: ToolContext;
    let image: string;
    let port: number;
    let before: string;
    const local = (argv: string[]) => runCommand(argv, { cwd: directory, timeoutMs: 120_000, check: false });

    const call = (tool: string, args: Record<string, unknown>, progress?: (n: number, m?: string) => void) =>
      runTool(context, tool, args, {
        caller: LIBRARY_CALLER,
        ...(progress ? { progress: async (n: number, _t?: number, m?: string) => progress(n, m) } : {}),
      });
    const ok = async (result: Promise<ToolResult>): Promise<ToolOutput> => {
      const answer = await result;
      if (answer.kind !== 'ok') throw new Error(JSON.stringify(answer));
      return answer.output;
    };
    const running = async () =>
      (await local(['docker', 'inspect', '-f', '{{.State.Running}}', `${stack}_app_1`])).stdout.trim();

    beforeAll(async () => {
      image = (await ensureImage(busyboxImage)).tag;
      remote = await startRemoteHost({ flavour: 'trixie' });
      port = await freePort();
      // The stack's folder moves to the same path on the target: under both bindRoots.
      root = mkdtempSync('/tmp/berth-migrate-tools-');
      state = mkdtempSync('/tmp/berth-migrate-state-');
      directory = join(root, stack);
      mkdirSync(directory);
      const labels = { labels: testLabels() };
      writeFileSync(
        join(directory, 'compose.yaml'),
        JSON.stringify({
          services: {
            app: {
              image,
              command: ['httpd', '-f', '-p', '80', '-h', '/data'],
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
      const config = join(state, 'berth.yaml');
      writeFileSync(
        config,
        JSON.stringify({
          profiles: {
            local: { type: 'local', bindRoots: [root] },
            remote: remote.sshProfile({ bindRoots: [root] }),
          },
        }),
      );
      context = createToolContext({
        tools: BERTH_TOOLS,
        auditLog: false,
        configPath: config,
        env: { ...process.env, XDG_STATE_HOME: join(state, 'xdg') },
      });
      await runCommand(['docker-compose', '-p', stack, 'up', '-d'], { cwd: directory, timeoutMs: 120_000 });
      // Known data: a text file the healthcheck reads and 2 MiB of random bytes.
      await runCommand(
        [
          'docker',
          'run',
          '--rm',
          ...labelArgs(),
          '-v',
          `${volume}:/d`,
          image,
          'sh',
          '-c',
          'echo hello > /d/hello.txt && dd if=/dev/urandom of=/d/blob bs=1M count=2 2>/dev/null',
        ],
        { timeoutMs: 60_000 },
      );
      await waitUntil(
        'the stack is healthy on the source',
        async () =>
          (
            await local(['docker', 'inspect', '-f', '{{.State.Health.Status}}', `${stack}_app_1`])
          ).stdout.trim() === 'healthy',
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      before = (
        await runCommand(
          ['docker', 'run', '--rm', ...labelArgs(), '-v', `${volume}:/d:ro`, image, 'sh', '-c', LISTING],
          {
            timeoutMs: 60_000,
          },
        )
      ).stdout;
    });

    afterAll(async () => {
      if (directory)
        await local(['docker-compose', '-p', stack, 'down', '-v', '--timeout', '1']).catch(() => {});
      await context?.dispose();
      await remote?.[Symbol.asyncDispose]();
      for (const dir of [root, state]) if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('shows a port taken on the target as a blocker, and migrate refuses it and changes nothing', async () => {
      await remote.loadImage(image);
      const hog = await remote.ssh([
        'docker',
        'run',
        '-d',
        ...labelArgs(),
        '-p',
        `127.0.0.1:${port}:80`,
        image,
        'sleep',
        '600',
      ]);
      expect(hog.exitCode, hog.stderr).toBe(0);
      try {
        const plan = await ok(call('compose_read', { action: 'migrate_plan', stack, to: 'remote' }));
        expect(plan.rows[0]).toMatchObject({ kind: 'plan', note: expect.stringMatching(/^blocked/) });
        expect(plan.rows).toContainEqual(
          expect.objectContaining({
            kind: 'blocker',
            name: expect.stringContaining(`port ${port}/tcp is taken`),
          }),
        );
        const refused = await call('compose_ops', { action: 'migrate', stack, to: 'remote' });
        expect(refused).toMatchObject({ kind: 'error', error: { code: 'CONFLICT' } });
        expect(JSON.stringify(refused)).toContain(`port ${port}/tcp is taken`);
        expect(await running()).toBe('true');
        const onTarget = await remote.ssh(['docker', 'volume', 'ls', '-q', '--filter', `name=${stack}`]);
        expect(onTarget.stdout.trim()).toBe('');
      } finally {
        await remote.ssh(['docker', 'rm', '-f', hog.stdout.trim()]);
      }
    });

    it('cancelled mid-copy, rolls back: the source runs again and the target keeps nothing', async () => {
      const abort = new AbortController();
      const result = await runTool(
        context,
        'compose_ops',
        { action: 'migrate', stack, to: 'remote' },
        {
          caller: LIBRARY_CALLER,
          signal: abort.signal,
          progress: async (_n, _t, message) => {
            if (message?.startsWith('copy-volumes')) abort.abort();
          },
        },
      );
      expect(result).toMatchObject({ kind: 'error', error: { code: 'CANCELLED' } });
      expect(JSON.stringify(result)).toMatch(/rollback undid: .*restart container/);
      expect(await running()).toBe('true');
      const onTarget = await remote.ssh(['docker', 'volume', 'ls', '-q', '--filter', `name=${stack}`]);
      expect(onTarget.stdout.trim()).toBe('');
      expect((await remote.ssh(['test', '-e', directory])).exitCode).toBe(1);
    });

    it('plans, migrates with equal data and health on the target, and removes the source only with its token', async () => {
      const plan = await ok(call('compose_read', { action: 'migrate_plan', stack, to: 'remote' }));
      expect(plan.rows[0]).toMatchObject({
        kind: 'plan',
        note: expect.stringMatching(/^ready, no blockers/),
      });
      expect(plan.rows[1]).toEqual({ kind: 'step', name: '1 stop-source', note: 'stop the stack on local' });
      expect(plan.rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'volume', name: volume, size: expect.stringMatching(/MB$/) }),
          expect.objectContaining({
            kind: 'port',
            name: `127.0.0.1:${port}/tcp`,
            note: 'app: free on remote',
          }),
          { kind: 'file', name: join(directory, 'compose.yaml') },
        ]),
      );
      expect(plan.rows.filter((r) => r.kind === 'blocker')).toEqual([]);

      const progress: number[] = [];
      const messages: string[] = [];
      const moved = await ok(
        call('compose_ops', { action: 'migrate', stack, to: 'remote' }, (n, m) => {
          progress.push(n);
          messages.push(m ?? '');
        }),
      );
      const id = String(moved.rows[0]?.name);
      expect(moved.rows[0]).toMatchObject({ kind: 'plan', name: plan.rows[0]?.name });
      expect(moved.rows).toContainEqual(
        expect.objectContaining({
          kind: 'volume',
          name: volume,
          note: '2 files, sha256 equal on both hosts',
        }),
      );
      expect(progress).toEqual([...new Set(progress)].sort((a, b) => a - b));
      expect(messages.join('\n')).toContain('copy-volumes');

      // Checked outside berth: the same listing, computed on the target, and its health.
      const after = await remote.ssh([
        'docker',
        'run',
        '--rm',
        '-v',
        `${volume}:/d:ro`,
        image,
        'sh',
        '-c',
        LISTING,
      ]);
      expect(after.stdout).toBe(before);
      const container = String(moved.rows.find((r) => r.kind === 'container')?.name);
      const health = await remote.ssh(['docker', 'inspect', '-f', '{{.State.Health.Status}}', container]);
      expect(health.stdout.trim()).toBe('healthy');
      expect(await running()).toBe('false');

      const removal = { action: 'migrate_remove_source', plan_id: id };
      const planned = await ok(call('compose_remove', removal));
      expect(planned.confirm_token).toBeDefined();
      expect(planned.rows).toContainEqual(expect.objectContaining({ kind: 'volume', name: volume }));
      expect((await local(['docker', 'volume', 'inspect', volume])).exitCode).toBe(0);

      const removed = await ok(call('compose_remove', { ...removal, confirm_token: planned.confirm_token }));
      expect(removed.rows).toContainEqual({ kind: 'volume', name: volume, note: 'removed' });
      expect((await local(['docker', 'volume', 'inspect', volume])).exitCode).not.toBe(0);
      expect((await local(['docker', 'inspect', `${stack}_app_1`])).exitCode).not.toBe(0);
      expect(
        (await remote.ssh(['docker', 'inspect', '-f', '{{.State.Running}}', container])).stdout.trim(),
      ).toBe('true');
      const again = await ok(call('compose_remove', removal));
      expect(again.rows[0]?.note).toMatch(/was removed from local/);
    });
  },
  { timeout: 300_000 },
);
