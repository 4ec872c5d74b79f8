import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  busyboxImage,
  dockerClient,
  engineSuite,
  ensureImage,
  startContainer,
  testLabels,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import { auditEntry, auditLines } from './resources-fixtures.js';

type Rows = { rows: Record<string, unknown>[] };
const rowOf = (result: { structuredContent?: unknown }) => (result.structuredContent as Rows).rows[0];
const unique = (what: string) => `berth-test-${what}-${Date.now().toString(36)}-${process.pid}`;

/** Removes containers the tool made (they carry the test labels, so a sweep finds any left). */
async function removeAll(names: string[]): Promise<void> {
  for (const name of names) {
    await dockerClient()
      .getContainer(name)
      .remove({ force: true, v: true })
      .catch(() => {});
  }
}

engineSuite('create run/container against the real engine', () => {
  let image: string;
  let dir: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-run-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs a container with ports on 127.0.0.1, a bind mount, env echoed masked, and audits it', async () => {
    const name = unique('run');
    const audit = join(dir, 'audit.jsonl');
    await writeFile(join(dir, 'hello.txt'), 'from the host');
    // The container runs as uid 1234: it must be able to read the mounted directory.
    await chmod(dir, 0o755);
    // The bound folder lies under the profile's bindRoots: a bind the user allowed in advance.
    const config = join(dir, 'berth.yaml');
    await writeFile(
      config,
      `profiles:\n  local:\n    type: local\n    bindRoots: [${JSON.stringify(dir)}]\n`,
    );
    try {
      await using client = await binClient({ args: ['--config', config, '--audit-log', audit] });
      const result = await client.callTool({
        name: 'create',
        arguments: {
          action: 'run',
          image,
          name,
          cmd: ['sleep', '300'],
          env: { MODE: 'test', DB_PASSWORD: 'hunter2-secret' },
          ports: ['80', '127.0.0.1::81/udp'],
          volumes: [`${dir}:/data:ro`],
          restart: 'on-failure:2',
          labels: testLabels(),
          user: '1234',
          workdir: '/data',
        },
      });
      expect(result.isError).toBeFalsy();
      const row = rowOf(result);
      expect(row).toMatchObject({ name, id: expect.stringMatching(/^[0-9a-f]{12}$/), state: 'running' });
      const ports = row?.ports as string[];
      expect(ports).toHaveLength(2);
      expect(ports).toContainEqual(expect.stringMatching(/^127\.0\.0\.1:\d+->80\/tcp$/));
      expect(ports).toContainEqual(expect.stringMatching(/^127\.0\.0\.1:\d+->81\/udp$/));
      expect(row?.env).toContain('MODE=test');
      expect(row?.env).toContain('DB_PASSWORD=***');
      expect(JSON.stringify(result)).not.toContain('hunter2-secret');

      const info = await dockerClient().getContainer(name).inspect();
      expect(info.HostConfig.RestartPolicy).toMatchObject({ Name: 'on-failure', MaximumRetryCount: 2 });
      expect(info.Config.User).toBe('1234');
      expect(info.Config.WorkingDir).toBe('/data');
      expect(info.Config.Labels).toMatchObject(testLabels());
      expect(Number.isNaN(Date.parse(info.Config.Labels?.['berth.created'] ?? ''))).toBe(false);
      const read = await client.callTool({
        name: 'container_ops',
        arguments: { action: 'exec', id: name, argv: ['cat', 'hello.txt'] },
      });
      expect(rowOf(read)).toMatchObject({ exitCode: 0, stdout: 'from the host' });
      const write = await client.callTool({
        name: 'container_ops',
        arguments: { action: 'exec', id: name, argv: ['touch', '/data/x'] },
      });
      expect(rowOf(write)?.exitCode).not.toBe(0);

      // The run is written down before it happens, then its outcome; exec (any command) too.
      expect(await auditLines(audit)).toEqual([
        auditEntry('create', 'run', name, 'started'),
        auditEntry('create', 'run', name, 'ok'),
        auditEntry('container_ops', 'exec', `${name}: cat`, 'started'),
        auditEntry('container_ops', 'exec', `${name}: cat`, 'ok'),
        auditEntry('container_ops', 'exec', `${name}: touch`, 'started'),
        auditEntry('container_ops', 'exec', `${name}: touch`, 'ok'),
      ]);
    } finally {
      await removeAll([name]);
    }
  });

  it('create container makes a stopped container that container_ops starts', async () => {
    const name = unique('create');
    try {
      await using client = await binClient();
      const created = await client.callTool({
        name: 'create',
        arguments: { action: 'container', image, name, cmd: ['sleep', '300'], labels: testLabels() },
      });
      expect(created.isError).toBeFalsy();
      expect(rowOf(created)).toMatchObject({ name, state: 'created', ports: [] });
      const start = await client.callTool({
        name: 'container_ops',
        arguments: { action: 'start', id: name },
      });
      expect(start.isError).toBeFalsy();
      expect((await dockerClient().getContainer(name).inspect()).State.Running).toBe(true);
    } finally {
      await removeAll([name]);
    }
  });

  it('a taken name, a missing image and a failed start are clear errors that leave nothing behind', async () => {
    await using taken = await startContainer({ image, cmd: ['sleep', '300'] });
    const name = unique('fail');
    const audit = join(dir, 'audit-fail.jsonl');
    try {
      await using client = await binClient({ args: ['--audit-log', audit] });
      const clash = await client.callTool({
        name: 'create',
        arguments: { action: 'run', image, name: taken.name, cmd: ['true'], labels: testLabels() },
      });
      expect(clash.isError).toBe(true);
      expect(textOf(clash)).toMatch(/already in use/);
      const missing = await client.callTool({
        name: 'create',
        arguments: { action: 'run', image: 'berth-test/never-built:nope', name, labels: testLabels() },
      });
      expect(missing.isError).toBe(true);
      expect(textOf(missing)).toMatch(
        /^local: no image 'berth-test\/never-built:nope' on this host; get it with create pull, then retry/,
      );
      const badStart = await client.callTool({
        name: 'create',
        arguments: { action: 'run', image, name, cmd: ['/no/such/program'], labels: testLabels() },
      });
      expect(badStart.isError).toBe(true);
      // runContainer removes what it created when the start fails.
      const left = await dockerClient().listContainers({ all: true, filters: { name: [name] } });
      expect(left).toEqual([]);
      const outcomes = (await auditLines(audit)).map((l) => l.outcome);
      expect(outcomes).toEqual([
        'started',
        'error:CONFLICT',
        'started',
        'error:NOT_FOUND',
        'started',
        expect.stringMatching(/^error:/),
      ]);
    } finally {
      await removeAll([name]);
    }
  });

  it.each([
    [
      'a name with shell characters',
      { name: 'web;rm -rf /' },
      /^Invalid arguments: name: name must be a name/,
    ],
    ['an image with command substitution', { image: '$(reboot)' }, /^Invalid arguments: image: /],
    ['an image in flag position', { image: '--privileged' }, /^Invalid arguments: image: /],
    ['cmd as a string', { cmd: 'sleep 300' }, /^Invalid arguments: cmd: must be an array of strings/],
    ['a port that is not one', { ports: ['80;rm'] }, /port '80;rm' is not/],
    ['a mount with traversal', { volumes: ['/tmp/../etc:/x'] }, /must not contain \.\./],
    ['a relative mount target', { volumes: ['data:etc'] }, /target must be an absolute path/],
    ['an unknown restart policy', { restart: 'sometimes' }, /restart must be no, always/],
    ['a parameter of another tool', { argv: ['x'] }, /^'argv' does not apply to action run/],
  ])('refuses %s before the engine sees it', async (_what, extra, message) => {
    await using client = await binClient();
    const result = await client.callTool({
      name: 'create',
      arguments: { action: 'run', image, labels: testLabels(), ...extra },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(textOf(result)).not.toContain('\n');
  });
});
