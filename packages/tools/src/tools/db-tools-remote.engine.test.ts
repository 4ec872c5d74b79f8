import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  engineSuite,
  ensureImage,
  type RemoteHost,
  sqliteImage,
  startRemoteHost,
  testLabels,
  waitUntil,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BERTH_TOOLS } from '../berth-tools.js';
import { LIBRARY_CALLER } from '../framework/caller.js';
import { createToolContext } from '../framework/create-tool-context.js';
import { runTool, type ToolResult } from '../framework/runner.js';
import type { ToolContext } from '../framework/tool-context.js';
import type { ToolOutput } from '../framework/tool-output.js';

/*
 * The db toolset on a database of an SSH host: the adapter's exec runs over the profile's
 * SSH connection, and the dump streams back to this machine's backup folder.
 */
engineSuite(
  'db tools on an SSH host',
  () => {
    let remote: RemoteHost;
    let root: string;
    let context: ToolContext;
    const name = 'berth-dbt-remote-lite';

    const call = (args: Record<string, unknown>, tool = 'db_admin'): Promise<ToolResult> =>
      runTool(context, tool, { host: 'remote', container: name, ...args }, { caller: LIBRARY_CALLER });
    const ok = async (args: Record<string, unknown>, tool = 'db_admin'): Promise<ToolOutput> => {
      const result = await call(args, tool);
      if (result.kind !== 'ok') throw new Error(`${tool} ${String(args.action)}: ${JSON.stringify(result)}`);
      return result.output;
    };

    beforeAll(async () => {
      const { tag } = await ensureImage(sqliteImage);
      remote = await startRemoteHost();
      await remote.loadImage(tag);
      const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
      const run = await remote.ssh([
        'docker',
        'run',
        '-d',
        '--name',
        name,
        ...labels,
        '-e',
        'SQLITE_DATABASE=/data/shop.db',
        tag,
      ]);
      expect(run.exitCode, run.stderr).toBe(0);
      root = mkdtempSync(join(tmpdir(), 'berth-db-remote-'));
      const config = join(root, 'berth.yaml');
      writeFileSync(
        config,
        JSON.stringify({ profiles: { local: { type: 'local' }, remote: remote.sshProfile() } }),
      );
      context = createToolContext({
        tools: BERTH_TOOLS,
        auditLog: false,
        configPath: config,
        env: { ...process.env, XDG_STATE_HOME: join(root, 'state') },
      });
      await waitUntil(
        'sqlite answers over SSH',
        async () => (await call({ action: 'query', statement: 'SELECT 1' }, 'db_read')).kind === 'ok',
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    });
    afterAll(async () => {
      await context?.dispose();
      await remote?.[Symbol.asyncDispose]();
      if (root) rmSync(root, { recursive: true, force: true });
    });

    it('writes, backs up to this machine, drops once confirmed and restores', async () => {
      await ok({
        action: 'exec',
        statement: "CREATE TABLE t (id INTEGER, name TEXT); INSERT INTO t VALUES (1, 'a');",
      });
      const backup = await ok({ action: 'backup', file: 'remote.sqlite' });
      expect(backup.rows[0]).toMatchObject({
        file: join(root, 'state', 'berth', 'backups', 'remote.sqlite'),
      });
      const drop = { action: 'exec', statement: 'DROP TABLE t' };
      const planned = await ok(drop);
      expect(planned.confirm_token).toEqual(expect.any(String));
      await ok({ ...drop, confirm_token: planned.confirm_token });
      const restore = { action: 'restore', file: 'remote.sqlite' };
      const plan = await ok(restore);
      await ok({ ...restore, confirm_token: plan.confirm_token });
      const read = await ok({ action: 'query', statement: 'SELECT * FROM t' }, 'db_read');
      expect(read.rows[0]).toMatchObject({ values: [[1, 'a']] });
      expect(
        readdirSync(join(root, 'state', 'berth', 'backups')).some((f) => f.startsWith('before-restore-')),
      ).toBe(true);
    });
  },
  { timeout: 600_000 },
);
