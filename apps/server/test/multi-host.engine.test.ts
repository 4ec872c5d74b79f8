import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  busyboxImage,
  dockerClient,
  engineSuite,
  ensureImage,
  type RemoteHost,
  startContainer,
  startRemoteHost,
  testLabels,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';

type Rows = { rows: Record<string, unknown>[]; errors?: { host: string; error: string }[] };
const out = (result: { structuredContent?: unknown }) => result.structuredContent as Rows;

engineSuite(
  'several hosts through the server: local engine and an SSH remote',
  () => {
    let remote: RemoteHost;
    let dir: string;
    let config: string;
    let image: string;
    const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    const onRemote = async (argv: string[], input?: string) => {
      const result = await remote.ssh(['docker', ...argv], input === undefined ? {} : { input });
      expect(result.exitCode, result.stderr).toBe(0);
      return result.stdout.trim();
    };

    beforeAll(async () => {
      image = (await ensureImage(busyboxImage)).tag;
      remote = await startRemoteHost();
      await remote.loadImage(image);
      dir = await mkdtemp(join(tmpdir(), 'berth-multi-'));
      config = join(dir, 'berth.yaml');
      const profile = remote.sshProfile({ timeoutMs: 4000, connectTimeoutMs: 2000 });
      await writeFile(config, `profiles:\n  local:\n    type: local\n  remote: ${JSON.stringify(profile)}\n`);
    }, 300_000);
    afterAll(async () => {
      await remote?.[Symbol.asyncDispose]();
      await rm(dir, { recursive: true, force: true });
    });

    it('"*" answers for both hosts; a paused remote gives local rows and one line for it', async () => {
      await using web = await startContainer({ image, cmd: ['sleep', '300'] });
      const remoteName = `berth-multi-${process.pid}`;
      await onRemote(['run', '-d', ...labels, '--name', remoteName, image, 'sleep', '300']);
      const list = { action: 'list', host: '*', fields: ['name'] };
      {
        await using client = await binClient({ args: ['--config', config] });
        const both = await client.callTool({ name: 'resources', arguments: list });
        expect(both.isError, textOf(both)).toBeFalsy();
        expect(out(both).rows).toEqual(
          expect.arrayContaining([
            { host: 'local', name: web.name },
            { host: 'remote', name: remoteName },
          ]),
        );
        const info = await client.callTool({ name: 'system', arguments: { action: 'info', host: '*' } });
        expect(out(info).rows.map((r) => r.host)).toEqual(['local', 'remote']);
        expect(out(info).errors).toBeUndefined();
        const test = await client.callTool({ name: 'system', arguments: { action: 'test' } });
        expect(out(test).rows).toEqual([
          expect.objectContaining({ host: 'local', ok: true }),
          expect.objectContaining({ host: 'remote', ok: true }),
        ]);
      }
      await dockerClient().getContainer(remote.container.id).pause();
      try {
        await using client = await binClient({ args: ['--config', config] });
        const half = await client.callTool({ name: 'resources', arguments: list });
        expect(half.isError).toBeFalsy();
        expect(out(half).rows).toContainEqual({ host: 'local', name: web.name });
        expect(out(half).rows.some((r) => r.host === 'remote')).toBe(false);
        expect(out(half).errors).toEqual([{ host: 'remote', error: expect.stringMatching(/^remote: /) }]);
        expect(textOf(half)).toMatch(/\n! remote: remote: [^\n]+$/);
        const info = await client.callTool({ name: 'system', arguments: { action: 'info', host: '*' } });
        expect(out(info).rows.map((r) => r.host)).toEqual(['local']);
        expect(out(info).errors?.map((e) => e.host)).toEqual(['remote']);
        const only = await client.callTool({ name: 'system', arguments: { action: 'test', host: 'remote' } });
        expect(only.isError).toBe(true);
        expect(textOf(only)).toMatch(/^remote: /);
      } finally {
        await dockerClient().getContainer(remote.container.id).unpause();
      }
    });

    it('remove cleanup_* on the remote: dry run, decline, then safe, moderate and aggressive, audited', async () => {
      const tag = `berth-cleanup-${process.pid}:1`;
      await onRemote(['build', ...labels, '-t', tag, '-'], `FROM ${image}\nLABEL berth.cleanup=1\n`);
      const network = await onRemote(['network', 'create', ...labels, `berth-cleanup-net-${process.pid}`]);
      await onRemote(['volume', 'create', ...labels, `berth-cleanup-vol-${process.pid}`]);
      // Stopped just now: younger than 24 h, so every level keeps it.
      const stopped = await onRemote(['create', ...labels, image, 'true']);
      const audit = join(dir, 'audit.jsonl');
      const names = async (kind: string) =>
        (await onRemote([kind, 'ls', kind === 'container' ? '-aq' : '-q'])).split('\n').filter(Boolean);

      await using declining = await binClient({
        args: ['--config', config, '--audit-log', audit],
        elicit: () => ({ action: 'decline' }),
      });
      const dry = await declining.callTool({
        name: 'remove',
        arguments: { action: 'cleanup_moderate', host: 'remote', dry_run: true },
      });
      expect(dry.isError, textOf(dry)).toBeFalsy();
      const plan = Object.fromEntries(out(dry).rows.map((r) => [r.kind, r]));
      expect(plan.networks?.names).toContain(`berth-cleanup-net-${process.pid}`);
      expect(plan.images?.names).toContain(tag);
      expect(plan.containers?.count).toBe(0);
      const declined = await declining.callTool({
        name: 'remove',
        arguments: { action: 'cleanup_safe', host: 'remote' },
      });
      expect(declined.isError).toBe(true);
      expect(textOf(declined)).toMatch(/declined/);
      expect(await names('network')).toContain(network.slice(0, 12));

      await using client = await binClient({ args: ['--config', config, '--audit-log', audit] });
      const safe = await client.callTool({
        name: 'remove',
        arguments: { action: 'cleanup_safe', host: 'remote' },
      });
      expect(safe.isError, textOf(safe)).toBeFalsy();
      expect(out(safe).rows).toContainEqual({ kind: 'networks', removed: 1, mb: 0 });
      expect(await names('network')).not.toContain(network.slice(0, 12));
      expect(await onRemote(['image', 'ls', '-q', tag])).not.toBe('');
      expect(await names('container')).toContain(stopped.slice(0, 12));

      const moderate = await client.callTool({
        name: 'remove',
        arguments: { action: 'cleanup_moderate', host: 'remote' },
      });
      expect(moderate.isError).toBeFalsy();
      expect(await onRemote(['image', 'ls', '-q', tag])).toBe('');
      // The image of the kept (stopped) container stays.
      expect(await onRemote(['image', 'ls', '-q', image])).not.toBe('');

      const noFlag = await client.callTool({
        name: 'remove',
        arguments: { action: 'cleanup_aggressive', host: 'remote' },
      });
      expect(noFlag.isError).toBe(true);
      expect(textOf(noFlag)).toMatch(/pass volumes: true/);
      const stringFlag = await client.callTool({
        name: 'remove',
        arguments: { action: 'cleanup_aggressive', host: 'remote', volumes: 'false' },
      });
      expect(stringFlag.isError).toBe(true);
      expect(await onRemote(['volume', 'ls', '-q'])).toContain(`berth-cleanup-vol-${process.pid}`);
      const aggressive = await client.callTool({
        name: 'remove',
        arguments: { action: 'cleanup_aggressive', host: 'remote', volumes: true },
      });
      expect(aggressive.isError).toBeFalsy();
      expect(await onRemote(['volume', 'ls', '-q'])).not.toContain(`berth-cleanup-vol-${process.pid}`);

      const lines = (await readFile(audit, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => `${l.host} ${l.tool} ${l.action} ${l.outcome}`)).toEqual([
        'remote remove cleanup_safe declined',
        'remote remove cleanup_safe ok',
        'remote remove cleanup_moderate ok',
        'remote remove cleanup_aggressive ok',
      ]);
    });
  },
  { timeout: 300_000 },
);
