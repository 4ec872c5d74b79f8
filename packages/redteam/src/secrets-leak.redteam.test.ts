import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  busyboxImage,
  engineSuite,
  ensureImage,
  type RemoteHost,
  runCommand,
  startContainer,
  startRemoteHost,
  type TestContainer,
  testLabels,
  waitUntil,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackClient, attackClient } from './bin.test-support.js';
import {
  AUDIT_LABEL_SECRET,
  findLeaks,
  type Leak,
  plantedCmd,
  plantedEnv,
  plantedExecArgv,
  plantedLabels,
} from './planted-secrets.test-support.js';

// Boundary: no secret a container holds (env, labels, command line, output) leaves berth
// unmasked, by any read, resource, prompt, error, audit line or log line at trace level.
engineSuite('secrets planted in containers never leave berth', () => {
  let remote: RemoteHost;
  let local: TestContainer;
  let dir: string;
  let config: string;
  const name = `berth-rt-secrets-${process.pid}`;

  /** Reads every kind of answer about the planted container on `host`; returns what leaked. */
  async function attack(host: string): Promise<Leak[]> {
    const audit = join(dir, `audit-${host}.jsonl`);
    const leaks: Leak[] = [];
    const scan = (text: string, where: string) => leaks.push(...findLeaks(text, `${host} ${where}`));
    {
      await using bin: AttackClient = await attackClient({
        args: ['--config', config, '--log-level', 'trace', '--audit-log', audit],
      });
      const call = async (tool: string, args: Record<string, unknown>, where: string) => {
        const r = await bin.call(tool, { host, ...args });
        scan(`${r.text}\n${JSON.stringify(r.structured ?? null)}`, where);
        return r;
      };
      const exec = await call(
        'container_ops',
        { action: 'exec', id: name, argv: ['sh', '/tmp/print.sh'] },
        'exec output',
      );
      expect(exec.isError, exec.text).toBe(false);
      expect(JSON.stringify(exec.structured)).toContain('print-done');
      await call(
        'container_ops',
        { action: 'exec', id: name, argv: plantedExecArgv() },
        'exec of secret flags',
      );
      const reads: [string, Record<string, unknown>][] = [
        ['list', { label: [`berth.rt.secrets=${process.pid}`] }],
        ['info', { id: name }],
        ['logs', { id: name, tail: 500 }],
        ['logs', { id: name, tail: 500, timestamps: true }],
        ['top', { id: name }],
        ['top', { id: name, limit: 1 }],
        ['stats', { id: name }],
        ['events', { container: name, since: '10m' }],
        ['events', { type: 'container', since: '10m' }],
      ];
      const seen: Record<string, string> = {};
      for (const [action, args] of reads) {
        const r = await call('read', { action, ...args }, `read ${action}`);
        expect(r.isError, `${action}: ${r.text}`).toBe(false);
        seen[action] = `${seen[action] ?? ''}${JSON.stringify(r.structured)}`;
      }
      // The reads saw what was planted, masked: zero leaks is not zero content.
      expect(seen.info).toContain('--password');
      expect(seen.info).toContain('API_TOKEN=***');
      expect(seen.logs).toContain('out| token: ***');
      expect(seen.logs).toContain('print-done');
      expect(seen.top).toContain('/tmp/mysql serve');
      expect(seen.events).toContain('exec_create: /tmp/mysql');
      const prune = await call(
        'remove',
        { action: 'prune', kind: 'container', label: [`token=${AUDIT_LABEL_SECRET}`] },
        'prune plan',
      );
      expect(prune.isError, prune.text).toBe(false);
      for (const uri of [
        `berth://${host}/containers/${name}/logs`,
        `berth://${host}/containers/${name}/stats`,
        `berth://${host}/info`,
      ]) {
        const { contents } = await bin.client.readResource({ uri });
        scan(JSON.stringify(contents), `resource ${uri}`);
      }
      for (const [prompt, args] of [
        ['diagnose_container', { container: name, host }],
        ['cleanup_host', { host }],
      ] as const) {
        scan(
          JSON.stringify(await bin.client.getPrompt({ name: prompt, arguments: args })),
          `prompt ${prompt}`,
        );
      }
      // Stderr is read after the server ran everything, at trace level.
      expect(bin.stderr()).toContain('"level":');
      scan(bin.stderr(), 'stderr log');
    }
    const auditLines = await readFile(audit, 'utf8');
    expect(auditLines).toContain('"action":"prune"');
    scan(auditLines, 'audit log');
    return leaks;
  }

  beforeAll(async () => {
    const image = (await ensureImage(busyboxImage)).tag;
    const labels = { ...plantedLabels(), 'berth.rt.secrets': String(process.pid) };
    local = await startContainer({ image, name, env: plantedEnv(), labels, cmd: plantedCmd() });
    remote = await startRemoteHost();
    await remote.loadImage(image);
    const flags = [
      ...Object.entries({ ...testLabels(), ...labels }).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
      ...Object.entries(plantedEnv()).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
    ];
    const run = await remote.ssh(['docker', 'run', '-d', '--name', name, ...flags, image, ...plantedCmd()]);
    expect(run.exitCode, run.stderr).toBe(0);
    // Both copies have printed everything and run the secret-flagged process.
    await waitUntil(
      'planted containers ready',
      async () => {
        const here = await runCommand(['docker', 'top', name], { timeoutMs: 10_000, check: false });
        const there = await remote.ssh(['docker', 'top', name], { timeoutMs: 10_000 });
        return here.stdout.includes('/tmp/mysql serve') && there.stdout.includes('/tmp/mysql serve');
      },
      { timeoutMs: 30_000 },
    );
    dir = await mkdtemp(join(tmpdir(), 'berth-rt-secrets-'));
    config = join(dir, 'berth.yaml');
    const profile = JSON.stringify(remote.sshProfile());
    await writeFile(config, `profiles:\n  local:\n    type: local\n  remote: ${profile}\n`);
  }, 300_000);

  afterAll(async () => {
    await local?.remove();
    await remote?.[Symbol.asyncDispose]();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('local engine: every read, resource, prompt, audit line and trace log is free of planted secrets', async () => {
    expect(await attack('local')).toEqual([]);
  });

  it('SSH remote host: every read, resource, prompt, audit line and trace log is free of planted secrets', async () => {
    expect(await attack('remote')).toEqual([]);
  });
});
