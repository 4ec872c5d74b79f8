import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostEngine } from '@berth/engine';
import { engineSuite, freePort, runCommand, testLabels } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createComposeDriver } from '../compose-driver.js';
import { waitHealthy } from '../wait-healthy.js';
import type { MigrateError } from './migrate-error.js';
import {
  fillVolume,
  type MigrateHosts,
  openMigrateHosts,
  volumeListing,
  writeStack,
} from './migrate-hosts.test-support.js';
import type { MigrationProgress } from './migration-context.js';
import { type MigrationEndpoint, type PlanMigrationInput, planMigration } from './plan-migration.js';
import { removeSource } from './remove-source.js';
import type { RollbackReport } from './roll-back.js';
import { runMigration } from './run-migration.js';

/** The README's example, run as written: `readme-example.test.ts` checks the README quotes these lines. */
async function readmeExample(
  source: MigrationEndpoint,
  target: MigrationEndpoint,
  { project, directory }: { project: string; directory: string },
  signal: AbortSignal,
  onProgress: (event: MigrationProgress) => void,
) {
  // README example begins
  const plan = await planMigration({
    source,
    target,
    project,
    directory,
    composeFiles: ['compose.yaml'],
    signal,
  });
  if (plan.blockers.length > 0) throw new Error(plan.blockers.join('; ')); // nothing was changed
  const result = await runMigration(plan, {
    source,
    target,
    deployer: createComposeDriver(target.engine),
    signal,
    onProgress, // ({ step, item, bytes, knownBytes, message }) => ...
  });
  // README example ends
  return { plan, result };
}

async function failureOf(work: Promise<unknown>): Promise<MigrateError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!error) throw new Error('the migration succeeded; it was meant to fail');
  return error as MigrateError;
}

type Containers = HostEngine['containers'];

/** `engine`, but its first archive upload removes the container it uploads into first. */
function removingFirstUploadTarget(engine: HostEngine, removed: string[]): HostEngine {
  const containers = new Proxy(engine.containers, {
    get(real, key) {
      if (key === 'putArchive') {
        const upload: Containers['putArchive'] = async (id, ...rest) => {
          if (removed.length === 0) {
            await real.remove(id, { force: true });
            removed.push(id);
          }
          return real.putArchive(id, ...rest);
        };
        return upload;
      }
      const value: unknown = Reflect.get(real, key);
      return typeof value === 'function' ? value.bind(real) : value;
    },
  });
  return new Proxy(engine, {
    get(real, key) {
      if (key === 'containers') return containers;
      const value: unknown = Reflect.get(real, key);
      return typeof value === 'function' ? value.bind(real) : value;
    },
  });
}

engineSuite(
  'migrate a compose stack from the local engine to an SSH host',
  () => {
    let hosts: MigrateHosts;
    const project = `berth-mig-${process.pid}`;
    const volume = `${project}_data`;
    let stack: { directory: string; bind: string };
    let port: number;
    let before: { volume: string; bind: string };
    let input: PlanMigrationInput;

    beforeAll(async () => {
      hosts = await openMigrateHosts();
      port = await freePort();
      stack = writeStack(hosts.root, project, hosts.image, port);
      const p = { name: project, files: [`${stack.directory}/compose.yaml`], directory: stack.directory };
      // Healthy only once its volume holds data: filled between `up` and the wait.
      await hosts.a.compose.up(p, { wait: false });
      await fillVolume(hosts.image, volume, 24);
      await waitHealthy(hosts.a.engine, project, { services: [], timeoutMs: 60_000 });
      before = {
        volume: await volumeListing('a', hosts.image, volume),
        bind: await volumeListing('a', hosts.image, stack.bind),
      };
      input = {
        source: hosts.a,
        target: hosts.b,
        project,
        directory: stack.directory,
        composeFiles: ['compose.yaml'],
      };
    });

    afterAll(async () => {
      if (!hosts) return;
      const p = { name: project, files: [`${stack.directory}/compose.yaml`], directory: stack.directory };
      await hosts.a.compose.down(p, { volumes: true, removeOrphans: true }).catch(() => {});
      await hosts[Symbol.asyncDispose]();
    });

    /** A runs the stack, its volume and bind hold what they held, byte for byte. */
    async function expectSourceIntact(): Promise<void> {
      const state = await runCommand(['docker', 'inspect', '-f', '{{.State.Running}}', `${project}_app_1`], {
        timeoutMs: 30_000,
      });
      expect(state.stdout.trim()).toBe('true');
      expect(await volumeListing('a', hosts.image, volume)).toBe(before.volume);
      expect(await volumeListing('a', hosts.image, stack.bind)).toBe(before.bind);
    }

    /** B holds nothing of the attempt: no volume, container, file or image it brought. */
    async function expectTargetClean(options: { image: boolean }): Promise<void> {
      const on = async (argv: string[]) => (await hosts.remote.ssh(argv)).stdout.trim();
      expect(await on(['docker', 'volume', 'ls', '-q', '--filter', `name=${project}`])).toBe('');
      expect(await on(['docker', 'ps', '-aq', '--filter', 'label=berth.migrate'])).toBe('');
      expect(
        await on(['docker', 'ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`]),
      ).toBe('');
      expect(
        await on([
          'docker',
          'network',
          'ls',
          '-q',
          '--filter',
          `label=com.docker.compose.project=${project}`,
        ]),
      ).toBe('');
      expect((await hosts.remote.ssh(['test', '-e', hosts.root])).exitCode).toBe(1);
      if (options.image)
        expect((await hosts.remote.ssh(['docker', 'image', 'inspect', hosts.image])).exitCode).not.toBe(0);
    }

    it('refuses a bind that leaves bindRoots through a symlink, and a volume backed by other storage', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'berth-outside-'));
      const link = join(hosts.root, `escape-${process.pid}`);
      symlinkSync(outside, link);
      const other = `${project}-escape`;
      const tmpfs = await hosts.a.engine.volumes.create({
        name: `${other}_cache`,
        driverOpts: { type: 'tmpfs', device: 'tmpfs' },
        labels: testLabels(),
      });
      const created = await hosts.a.engine.containers.create({
        image: hosts.image,
        labels: testLabels({ 'com.docker.compose.project': other, 'com.docker.compose.service': 'app' }),
        mounts: [
          { type: 'bind', source: link, target: '/conf' },
          { type: 'volume', source: tmpfs.name, target: '/cache' },
        ],
      });
      try {
        const plan = await planMigration({ ...input, project: other });
        expect(plan.binds).toEqual([expect.objectContaining({ path: link, allowed: false })]);
        expect(plan.blockers).toContain(`bind ${link} is outside the bindRoots of a or b`);
        expect(plan.blockers).toContainEqual(
          expect.stringMatching(new RegExp(`^volume ${tmpfs.name} uses driver local with options .*device`)),
        );
      } finally {
        await hosts.a.engine.containers.remove(created.id, { force: true });
        await hosts.a.engine.volumes.remove(tmpfs.name);
        rmSync(link);
        rmSync(outside, { recursive: true });
      }
    });

    it('rolls back a copy that fails when the target helper is removed as the copy starts', async () => {
      const plan = await planMigration(input);
      expect(plan.blockers).toEqual([]);
      // The target's real engine, except that the first upload into a helper finds it just
      // removed (a timed race here let the copy win on a loaded machine).
      const removed: string[] = [];
      const target = { ...hosts.b, engine: removingFirstUploadTarget(hosts.b.engine, removed) };
      const error = await failureOf(
        runMigration(plan, { source: hosts.a, target, deployer: hosts.b.compose }),
      );
      expect(removed).toHaveLength(1);
      expect(error.data).toMatchObject({ step: 'copy-volumes' });
      expect((error.data.rollback as RollbackReport).failed).toEqual([]);
      await expectSourceIntact();
      await expectTargetClean({ image: true });
    });

    it('cancels mid-copy and rolls back', async () => {
      const plan = await planMigration(input);
      const abort = new AbortController();
      const onProgress = (event: MigrationProgress) => {
        if (event.step === 'copy-volumes' && event.bytes > 2 * 1024 * 1024) abort.abort();
      };
      const error = await failureOf(
        runMigration(plan, {
          source: hosts.a,
          target: hosts.b,
          deployer: hosts.b.compose,
          onProgress,
          signal: abort.signal,
        }),
      );
      expect(abort.signal.aborted).toBe(true);
      expect(error.code).toBe('CANCELLED');
      expect((error.data.rollback as RollbackReport).failed).toEqual([]);
      await expectSourceIntact();
      await expectTargetClean({ image: true });
    });

    it('refuses a plan with a port taken on the target, and rolls back when the port is taken after planning', async () => {
      const plan = await planMigration(input);
      expect(plan.blockers).toEqual([]);
      await hosts.remote.loadImage(hosts.image);
      const hog = await hosts.b.engine.containers.run({
        image: hosts.image,
        cmd: ['sleep', '600'],
        ports: [{ containerPort: 80, hostPort: port, hostIp: '127.0.0.1' }],
        labels: testLabels(),
      });
      try {
        const blocked = await planMigration(input);
        expect(blocked.blockers).toEqual([expect.stringContaining(`port ${port}/tcp is taken`)]);
        expect(
          (
            await failureOf(
              runMigration(blocked, { source: hosts.a, target: hosts.b, deployer: hosts.b.compose }),
            )
          ).code,
        ).toBe('INVALID');

        const error = await failureOf(
          runMigration(plan, {
            source: hosts.a,
            target: hosts.b,
            deployer: hosts.b.compose,
            healthTimeoutMs: 30_000,
          }),
        );
        expect(error.data).toMatchObject({ step: 'start-target' });
        expect((error.data.rollback as RollbackReport).failed).toEqual([]);
        await expectSourceIntact();
        await expectTargetClean({ image: false });
      } finally {
        await hosts.b.engine.containers.remove(hog.id, { force: true });
        await hosts.remote.ssh(['docker', 'image', 'rm', hosts.image]);
      }
    });

    it('migrates with equal checksums, runs healthy on the target, and removes the source only when confirmed', async () => {
      const plan = await planMigration(input);
      expect(plan).toMatchObject({
        project,
        blockers: [],
        composeFiles: [`${stack.directory}/compose.yaml`],
        files: [
          { path: `${stack.directory}/compose.yaml`, existsOnTarget: false },
          { path: `${stack.directory}/.env`, existsOnTarget: false },
        ],
        binds: [{ path: stack.bind, allowed: true, existsOnTarget: false }],
        images: [{ ref: hosts.image, missingOnTarget: true }],
        ports: [{ hostIp: '127.0.0.1', hostPort: port, protocol: 'tcp' }],
      });
      expect(plan.volumes.map((v) => [v.name, v.driver, v.existsOnTarget])).toEqual([
        [volume, 'local', false],
      ]);
      expect(plan.volumes[0]?.sizeBytes).toBeGreaterThan(24 * 1024 * 1024);
      expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);

      const events: MigrationProgress[] = [];
      const { result } = await readmeExample(hosts.a, hosts.b, input, new AbortController().signal, (e) =>
        events.push(e),
      );
      expect(result.images).toEqual([hosts.image]);
      expect(result.started).toHaveLength(1);
      expect(events.map((e) => e.step)).toEqual(
        expect.arrayContaining([
          'stop-source',
          'copy-images',
          'copy-volumes',
          'copy-binds',
          'copy-files',
          'verify',
          'start-target',
        ]),
      );
      const bytes = events.map((e) => e.bytes);
      expect(bytes).toEqual([...bytes].sort((x, y) => x - y));

      // Checked outside berth: the same listing, computed on each host, is equal.
      expect(await volumeListing(hosts.remote, hosts.image, volume)).toBe(before.volume);
      expect(await volumeListing(hosts.remote, hosts.image, stack.bind)).toBe(before.bind);
      const envOnB = await hosts.remote.ssh(['stat', '-c', '%a', `${stack.directory}/.env`]);
      expect(envOnB.stdout.trim()).toBe('600');
      const health = await hosts.remote.ssh([
        'docker',
        'inspect',
        '-f',
        '{{.State.Health.Status}}',
        result.started[0] ?? '',
      ]);
      expect(health.stdout.trim()).toBe('healthy');

      // A is stopped, not removed, until a person confirms.
      const stopped = await runCommand(
        ['docker', 'inspect', '-f', '{{.State.Running}}', `${project}_app_1`],
        { timeoutMs: 30_000 },
      );
      expect(stopped.stdout.trim()).toBe('false');
      expect(await volumeListing('a', hosts.image, volume)).toBe(before.volume);
      const unconfirmed = await failureOf(
        removeSource(plan, { source: hosts.a, target: hosts.b, confirmed: false as unknown as true }),
      );
      expect(unconfirmed.code).toBe('INVALID');

      const [source, target, signal] = [hosts.a, hosts.b, new AbortController().signal];
      // README removal begins
      const removed = await removeSource(plan, { source, target, confirmed: true, signal }); // kept: host files
      // README removal ends
      expect(removed).toMatchObject({
        containers: [`${project}_app_1`],
        volumes: [volume],
        networks: [`${project}_default`],
      });
      expect(
        (await runCommand(['docker', 'volume', 'inspect', volume], { timeoutMs: 30_000, check: false }))
          .exitCode,
      ).not.toBe(0);
      expect(await volumeListing('a', hosts.image, stack.bind)).toBe(before.bind);

      await hosts.b.compose.down(
        { name: project, files: plan.composeFiles, directory: plan.directory },
        { volumes: true },
      );
    });
  },
  { timeout: 300_000 },
);
