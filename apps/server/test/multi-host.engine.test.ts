import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
import { auditEntry, auditLines } from './resources-fixtures.js';

type Rows = {
  rows: Record<string, unknown>[];
  errors?: { host: string; error: string }[];
  confirm_token?: string;
};
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
        const both = await client.callTool({ name: 'read', arguments: list });
        expect(both.isError, textOf(both)).toBeFalsy();
        expect(out(both).rows).toEqual(
          expect.arrayContaining([
            { host: 'local', name: web.name },
            { host: 'remote', name: remoteName },
          ]),
        );
        const info = await client.callTool({ name: 'read', arguments: { action: 'engine', host: '*' } });
        expect(out(info).rows.map((r) => r.host)).toEqual(['local', 'remote']);
        expect(out(info).errors).toBeUndefined();
        const test = await client.callTool({ name: 'read', arguments: { action: 'test' } });
        const version = expect.stringMatching(/^\d+\.\d+/);
        expect(out(test).rows).toEqual([
          expect.objectContaining({ host: 'local', version }),
          expect.objectContaining({ host: 'remote', version }),
        ]);
      }
      await dockerClient().getContainer(remote.container.id).pause();
      try {
        await using client = await binClient({ args: ['--config', config] });
        const half = await client.callTool({ name: 'read', arguments: list });
        expect(half.isError).toBeFalsy();
        expect(out(half).rows).toContainEqual({ host: 'local', name: web.name });
        expect(out(half).rows.some((r) => r.host === 'remote')).toBe(false);
        expect(out(half).errors).toEqual([{ host: 'remote', error: expect.stringMatching(/^remote: /) }]);
        expect(textOf(half)).toMatch(/\n! remote: remote: [^\n]+$/);
        const info = await client.callTool({ name: 'read', arguments: { action: 'engine', host: '*' } });
        expect(out(info).rows.map((r) => r.host)).toEqual(['local']);
        expect(out(info).errors?.map((e) => e.host)).toEqual(['remote']);
        const only = await client.callTool({ name: 'read', arguments: { action: 'test', host: 'remote' } });
        expect(only.isError).toBe(true);
        expect(textOf(only)).toMatch(/^remote: /);
      } finally {
        await dockerClient().getContainer(remote.container.id).unpause();
      }
    });

    it('remove cleanup_* on the remote: dry run, decline, then safe, moderate and aggressive with tokens, audited', async () => {
      const tag = `berth-cleanup-${process.pid}:1`;
      const networkName = `berth-cleanup-net-${process.pid}`;
      const volumeName = `berth-cleanup-vol-${process.pid}`;
      await onRemote(['build', ...labels, '-t', tag, '-'], `FROM ${image}\nLABEL berth.cleanup=1\n`);
      const network = await onRemote(['network', 'create', ...labels, networkName]);
      await onRemote(['volume', 'create', ...labels, volumeName]);
      // Stopped just now: younger than 24 h, so every level keeps it.
      const stopped = await onRemote(['create', ...labels, image, 'true']);
      const audit = join(dir, 'audit.jsonl');
      const names = async (kind: string) =>
        (await onRemote([kind, 'ls', kind === 'container' ? '-aq' : '-q'])).split('\n').filter(Boolean);
      const planned = (rows: Record<string, unknown>[], kind: string) =>
        rows.filter((r) => r.kind === kind).map((r) => r.name);

      await using declining = await binClient({
        args: ['--config', config, '--audit-log', audit],
        elicit: () => ({ action: 'decline' }),
      });
      const dry = await declining.callTool({
        name: 'remove',
        arguments: { action: 'cleanup_moderate', host: 'remote', dry_run: true },
      });
      expect(dry.isError, textOf(dry)).toBeFalsy();
      expect(planned(out(dry).rows, 'network')).toContain(networkName);
      expect(planned(out(dry).rows, 'image')).toContain(tag);
      expect(planned(out(dry).rows, 'container')).toEqual([]);
      expect(planned(out(dry).rows, 'volume')).toEqual([]);
      const declined = await declining.callTool({
        name: 'remove',
        arguments: { action: 'cleanup_safe', host: 'remote' },
      });
      expect(declined.isError).toBe(true);
      expect(textOf(declined)).toMatch(/^The user declined cleanup_safe on remote/);
      expect(await names('network')).toContain(network.slice(0, 12));

      // Without elicitation: each level answers with its plan and token first.
      await using client = await binClient({ args: ['--config', config, '--audit-log', audit] });
      const confirmed = async (args: Record<string, unknown>) => {
        const plan = await client.callTool({ name: 'remove', arguments: { host: 'remote', ...args } });
        expect(plan.isError, textOf(plan)).toBeFalsy();
        expect(out(plan).confirm_token).toEqual(expect.any(String));
        const done = await client.callTool({
          name: 'remove',
          arguments: { host: 'remote', ...args, confirm_token: out(plan).confirm_token },
        });
        expect(done.isError, textOf(done)).toBeFalsy();
        return out(done).rows;
      };
      const safe = await confirmed({ action: 'cleanup_safe' });
      expect(safe).toContainEqual(
        expect.objectContaining({ kind: 'network', name: networkName, result: 'removed' }),
      );
      expect(await names('network')).not.toContain(network.slice(0, 12));
      expect(await onRemote(['image', 'ls', '-q', tag])).not.toBe('');
      expect(await names('container')).toContain(stopped.slice(0, 12));

      const moderate = await confirmed({ action: 'cleanup_moderate' });
      expect(moderate).toContainEqual(
        expect.objectContaining({ kind: 'image', name: tag, result: 'removed' }),
      );
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
      expect(await onRemote(['volume', 'ls', '-q'])).toContain(volumeName);
      const aggressive = await confirmed({ action: 'cleanup_aggressive', volumes: true });
      expect(aggressive).toContainEqual(
        expect.objectContaining({ kind: 'volume', name: volumeName, result: 'removed' }),
      );
      expect(await onRemote(['volume', 'ls', '-q'])).not.toContain(volumeName);
      expect(await names('container')).toContain(stopped.slice(0, 12));

      // A cleanup's target is its level; the host is the remote one throughout.
      const line = (level: string, outcome: string) =>
        auditEntry('remove', `cleanup_${level}`, level, outcome, 'remote');
      expect(await auditLines(audit)).toEqual([
        line('moderate', 'dry-run'),
        line('safe', 'asked'),
        line('safe', 'declined'),
        ...['safe', 'moderate'].flatMap((level) =>
          ['planned', 'started', 'ok'].map((outcome) => line(level, outcome)),
        ),
        // Refused before any plan (volumes missing, then a string): no target yet.
        { ...line('aggressive', 'refused:INVALID'), target: '' },
        { ...line('aggressive', 'refused:INVALID'), target: '' },
        ...['planned', 'started', 'ok'].map((outcome) => line('aggressive', outcome)),
      ]);
    });
  },
  { timeout: 300_000 },
);
