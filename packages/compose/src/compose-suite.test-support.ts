// Test-only: the compose driver's engine tests, run against each kind of host by its own file.
import { readFileSync } from 'node:fs';
import { engineSuite, testLabels, waitUntil } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clearComposeVersionCache, createComposeDriver } from './compose-driver.js';
import type { ComposeDriver, ComposeProgress } from './compose-driver-types.js';
import {
  type ComposeTarget,
  composeTarget,
  stackYaml,
  type TargetKind,
} from './compose-targets.test-support.js';
import { deployStack } from './deploy-stack.js';
import { stackProject } from './stack-project.js';
import { parseV2Ps } from './v2-output.js';

const SECRET = 'tr0ub4dor-and-3-horses';

export function composeSuite(kind: TargetKind, flavour: 'v1' | 'v2'): void {
  engineSuite(
    `compose driver on ${kind} (${flavour})`,
    () => {
      let target: ComposeTarget;
      let driver: ComposeDriver;
      const stack = `berth-t-${kind}-${process.pid}`;
      let yaml: string;

      beforeAll(async () => {
        target = await composeTarget(kind);
        clearComposeVersionCache(kind);
        driver = createComposeDriver(target.host);
        yaml = stackYaml(target.image, testLabels());
      });
      afterAll(async () => {
        if (driver) {
          await driver
            .down(stackProject(target.composePath, stack).project, { volumes: true, removeOrphans: true })
            .catch(() => {});
        }
        await target?.[Symbol.asyncDispose]();
      });

      /** Runs argv on the target's host (the same way compose runs) and returns stdout. */
      async function onHost(argv: string[]): Promise<{ exitCode: number; stdout: string }> {
        return target.host.run(argv);
      }

      it(`detects Compose ${flavour} once per profile`, async () => {
        const version = await driver.version();
        expect(version.flavour).toBe(flavour);
        expect(version.version).toMatch(flavour === 'v1' ? /^1\./ : /^2\./);
        // Cached per profile: a second driver on the same profile asks no more.
        expect(await createComposeDriver(target.host).version()).toBe(version);
      });

      it('deploys a stack (files in <composePath>/<stack>, .env private) and reports healthy containers', async () => {
        const progress: ComposeProgress[] = [];
        const result = await deployStack(
          driver,
          { stack, composePath: target.composePath, compose: yaml, env: { APP_SECRET: SECRET } },
          { onProgress: (event) => progress.push(event) },
        );
        const { directory } = stackProject(target.composePath, stack);
        expect(result).toMatchObject({ stack, directory, created: true });
        // No registry is reachable: the pull fails, is reported, and the deploy goes on with the host's images.
        expect(result.pull).toMatchObject({ ran: true, ok: false, error: expect.stringContaining('pull') });
        expect(result.files).toEqual([`${directory}/compose.yaml`, `${directory}/.env`]);
        const byService = Object.fromEntries(result.containers.map((c) => [c.service, c]));
        expect(byService.web).toMatchObject({ project: stack, state: 'running', health: 'healthy' });
        expect(byService.worker).toMatchObject({ project: stack, state: 'running', health: 'none' });
        expect(progress.length).toBeGreaterThan(0);
        // The SSH runner's PID marker is its own business, never a progress line.
        expect(progress.filter((p) => p.line.includes('berth-pid-'))).toEqual([]);
        expect((await onHost(['stat', '-c', '%a', `${directory}/.env`])).stdout.trim()).toBe('600');
        // Nothing of the temporary folder is left.
        expect((await onHost(['ls', '-A', directory])).stdout.split('\n').filter(Boolean).sort()).toEqual([
          '.env',
          'compose.yaml',
        ]);
        if (flavour === 'v2') {
          // The live `ps --format json` has every field the recorded fixture has, so the parser's input is current.
          const live = await onHost([
            'docker',
            'compose',
            '--project-name',
            stack,
            'ps',
            '--format',
            'json',
            '--all',
          ]);
          const recorded = readFileSync(new URL('./fixtures/v2-ps.jsonl', import.meta.url), 'utf8');
          const keys = (text: string) => Object.keys(JSON.parse(text.trim().split('\n')[0] ?? '{}')).sort();
          expect(keys(live.stdout)).toEqual(keys(recorded));
          expect(
            parseV2Ps(live.stdout)
              .map((c) => c.service)
              .sort(),
          ).toEqual(['web', 'worker']);
        }
      });

      it('lists the stack, its containers and its logs, with the secret masked', async () => {
        const { project } = stackProject(target.composePath, stack);
        const stacks = await driver.ls();
        expect(stacks.find((s) => s.name === stack)).toMatchObject({ states: { running: 2 } });
        const ps = await driver.ps(project, { services: ['web'] });
        expect(ps.map((c) => c.service)).toEqual(['web']);
        const logs = await driver.logs(project, { services: ['web'], tail: 'all' });
        expect(logs.text).toContain('web started with');
        expect(logs.text).not.toContain(SECRET);
        const config = await driver.config(project);
        expect(config.yaml).toContain('APP_SECRET');
        expect(config.yaml).not.toContain(SECRET);
      });

      it('restarts, stops and starts services', async () => {
        const { project } = stackProject(target.composePath, stack);
        const before = (await driver.ps(project, { services: ['worker'] }))[0];
        await driver.restart(project, { services: ['worker'], timeoutSeconds: 1 });
        const restarted = (await driver.ps(project, { services: ['worker'] }))[0];
        expect(restarted?.id).toBe(before?.id);
        expect(restarted?.state).toBe('running');
        // By name alone, as a stack found by its labels is known: v1 gets the files its containers record.
        await driver.stop({ name: stack }, { services: ['worker'], timeoutSeconds: 1 });
        expect((await driver.ps(project, { services: ['worker'] }))[0]?.state).toBe('exited');
        expect((await driver.ls()).find((s) => s.name === stack)?.states).toEqual({ running: 1, exited: 1 });
        await driver.start({ name: stack }, { services: ['worker'] });
        expect((await driver.ps(project, { services: ['worker'] }))[0]?.state).toBe('running');
      });

      it('refuses the string "false" for volumes, a flag-like service and unknown options, before running anything', async () => {
        const { project } = stackProject(target.composePath, stack);
        const bad = [
          () => driver.down(project, { volumes: 'false' } as never),
          () => driver.stop(project, { services: ['--volumes'] }),
          () => driver.down(project, { volume: true } as never),
          () => driver.ps({ name: '../etc' }),
        ];
        for (const call of bad) await expect(call()).rejects.toMatchObject({ code: 'INVALID' });
        const ps = await driver.ps(project);
        expect(ps.map((c) => c.state)).toEqual(['running', 'running']);
      });

      it('down keeps volumes unless volumes is a real true', async () => {
        const { project } = stackProject(target.composePath, stack);
        const volume = `${stack}_data`;
        await driver.down(project, { timeoutSeconds: 1 });
        expect(await driver.ps(project)).toEqual([]);
        expect((await target.host.volumes.inspect(volume)).Name).toBe(volume);
        await driver.up(project, { waitTimeoutMs: 60_000 });
        await driver.down(project, { volumes: true, timeoutSeconds: 1 });
        await expect(target.host.volumes.inspect(volume)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      });

      it('leaves the old file untouched when a redeploy fails validation, and nothing when a new stack does', async () => {
        const { directory } = stackProject(target.composePath, stack);
        const before = (await onHost(['cat', `${directory}/compose.yaml`])).stdout;
        const broken = 'services:\n  web:\n    image: [unclosed\n';
        await expect(
          deployStack(driver, { stack, composePath: target.composePath, compose: broken, pull: false }),
        ).rejects.toMatchObject({ code: 'INVALID' });
        expect((await onHost(['cat', `${directory}/compose.yaml`])).stdout).toBe(before);
        expect((await onHost(['ls', '-A', directory])).stdout.split('\n').filter(Boolean).sort()).toEqual([
          '.env',
          'compose.yaml',
        ]);
        const fresh = `${stack}-new`;
        await expect(
          deployStack(driver, {
            stack: fresh,
            composePath: target.composePath,
            compose: broken,
            pull: false,
          }),
        ).rejects.toMatchObject({ code: 'INVALID' });
        expect((await onHost(['test', '-e', `${target.composePath}/${fresh}`])).exitCode).toBe(1);
        await expect(
          deployStack(driver, { stack: '../escape', composePath: target.composePath, compose: yaml }),
        ).rejects.toMatchObject({ code: 'INVALID' });
        // A stack folder that is a symlink could lead out of composePath: refused before anything is written.
        const link = `${stack}-link`;
        await onHost(['ln', '-s', 'elsewhere', `${target.composePath}/${link}`]);
        await expect(
          deployStack(driver, { stack: link, composePath: target.composePath, compose: yaml, pull: false }),
        ).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('symlink') });
        expect((await onHost(['test', '-e', `${target.composePath}/elsewhere`])).exitCode).toBe(1);
        await onHost(['rm', '--', `${target.composePath}/${link}`]);
      });

      it('builds a service from a context on the host and starts it with up --build', async () => {
        const built = `${stack}-build`;
        const dir = `${target.composePath}/${built}`;
        const write = (path: string, text: string) =>
          target.host.run(['sh', '-c', 'mkdir -p "$(dirname "$1")" && cat > "$1"', 'write', path], {
            input: text,
          });
        await write(`${dir}/app/Dockerfile`, `FROM ${target.image}\nRUN echo built > /built\n`);
        const labels = Object.entries(testLabels())
          .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`)
          .join('\n');
        await write(
          `${dir}/compose.yaml`,
          // The image carries the test labels too, so a leftover check finds it if the test dies.
          `services:\n  app:\n    build:\n      context: ./app\n      labels:\n${labels.replaceAll('\n', '\n  ').replace(/^/, '  ')}\n    image: ${built}-app\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n    labels:\n${labels}\nnetworks:\n  default:\n    labels:\n${labels}\n`,
        );
        const project = { name: built, files: [`${dir}/compose.yaml`], directory: dir };
        const progress: string[] = [];
        await driver.build(project, { services: ['app'] }, { onProgress: ({ line }) => progress.push(line) });
        expect(progress.join('\n')).toMatch(/echo built/);
        const up = await driver.up(project, { build: true, waitTimeoutMs: 60_000 });
        expect(up.containers.map((c) => [c.service, c.state])).toEqual([['app', 'running']]);
        await driver.down(project, { timeoutSeconds: 1 });
        await target.host.images.remove(`${built}-app`, { force: true });
      });

      it('a deploy past its deadline fails with TIMEOUT and leaves no compose process on the host', async () => {
        const sick = `${stack}-sick`;
        // Its healthcheck outlasts the deadline, so the stack stays "starting" while up waits.
        const sickYaml = yaml.replace(
          'test: ["CMD", "true"]',
          'test: ["CMD", "sleep", "120"]\n      timeout: 5m',
        );
        const deploying = deployStack(
          driver,
          {
            stack: sick,
            composePath: target.composePath,
            compose: sickYaml,
            env: { APP_SECRET: SECRET },
            pull: false,
          },
          { timeoutMs: 8_000 },
        );
        await expect(deploying).rejects.toMatchObject({ code: 'TIMEOUT' });
        const pattern = `--project-name ${sick} `;
        const left = async () =>
          (target.remote
            ? await target.remote.container.exec(['pgrep', '-f', pattern])
            : await onHost(['pgrep', '-f', pattern])
          ).exitCode === 0;
        await waitUntil('compose up ended on the host', async () => !(await left()), {
          timeoutMs: 10_000,
          intervalMs: 100,
        });
        await driver.down(stackProject(target.composePath, sick).project, {
          volumes: true,
          timeoutSeconds: 1,
        });
        expect(await driver.ps(stackProject(target.composePath, sick).project)).toEqual([]);
      });

      it('cancelling a followed log stream kills compose on the host', async () => {
        const { project } = stackProject(target.composePath, stack);
        await driver.up(project, { services: ['web'], waitTimeoutMs: 60_000 });
        const controller = new AbortController();
        const following = driver.logs(
          project,
          { services: ['web'], follow: true },
          { signal: controller.signal, onProgress: () => controller.abort() },
        );
        await expect(following).rejects.toMatchObject({ code: 'CANCELLED' });
        // Looked for from outside the SSH session (docker exec), so the search is no process of its own session.
        const pattern = `${stack} .*logs`;
        const composeLeft = async () =>
          (target.remote
            ? await target.remote.container.exec(['pgrep', '-f', pattern])
            : await onHost(['pgrep', '-f', pattern])
          ).exitCode === 0;
        await waitUntil('compose logs -f ended on the host', async () => !(await composeLeft()), {
          timeoutMs: 10_000,
          intervalMs: 100,
        });
        expect(await composeLeft()).toBe(false);
        await driver.down(project, { volumes: true, timeoutSeconds: 1 });
      });
    },
    { timeout: 300_000 },
  );
}
