import { engineSuite, testLabels, testRunId } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import { createContainer, runContainer } from './container-create.js';
import {
  killContainer,
  pauseContainer,
  removeContainer,
  renameContainer,
  restartContainer,
  startContainer,
  stopContainer,
  topContainer,
  unpauseContainer,
  waitContainer,
} from './container-lifecycle.js';
import { inspectContainer, listContainers } from './containers.js';
import { EngineError } from './engine-error.js';
import {
  codeOf,
  removeLater,
  type TargetName,
  uniqueName,
  useTarget,
} from './engine-targets.test-support.js';
import { containerLogs, followLogs } from './logs.js';
import { containerStats } from './stats.js';
import { createVolume, removeVolume } from './volumes.js';

engineSuite(
  'containers, logs and stats on a real engine',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const target = useTarget(targetName);

      it('runs a container with name, env, labels, ports, mounts, restart policy, user and workdir', async () => {
        const { docker, image } = target;
        const volume = uniqueName('vol');
        await createVolume(docker, { name: volume, labels: testLabels() });
        try {
          const name = uniqueName('run');
          const run = await runContainer(docker, {
            image,
            name,
            cmd: ['sleep', '300'],
            env: { GREETING: 'hello world', EMPTY: '' },
            labels: testLabels({ 'berth.test.case': 'run' }),
            ports: [{ containerPort: 8080 }],
            mounts: [
              { type: 'volume', source: volume, target: '/data' },
              { type: 'tmpfs', target: '/scratch' },
            ],
            restartPolicy: { name: 'on-failure', maximumRetryCount: 2 },
            user: 'nobody',
            workdir: '/tmp',
          });
          await using _ = removeLater(docker, run.id);
          const info = await inspectContainer(docker, name);
          expect(info.Id).toBe(run.id);
          expect(info.State.Running).toBe(true);
          expect(info.Config.Env).toEqual(expect.arrayContaining(['GREETING=hello world', 'EMPTY=']));
          expect(info.Config.Labels['berth.test.case']).toBe('run');
          expect(info.Config.User).toBe('nobody');
          expect(info.Config.WorkingDir).toBe('/tmp');
          expect(info.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 });
          const binding = info.NetworkSettings.Ports['8080/tcp']?.[0];
          expect(binding?.HostIp).toBe('127.0.0.1');
          expect(Number(binding?.HostPort)).toBeGreaterThan(0);
          expect(info.Mounts.map((m) => m.Destination).sort()).toEqual(['/data', '/scratch']);
        } finally {
          await removeVolume(target.docker, volume, { force: true }).catch(() => {});
        }
      });

      it('lists with one call, filters by label and pages with a cursor', async () => {
        const { docker, image } = target;
        const batch = `page-${uniqueName('b')}`;
        const ids: string[] = [];
        const disposers: AsyncDisposable[] = [];
        try {
          for (let i = 0; i < 3; i++) {
            const c = await createContainer(docker, {
              image,
              cmd: ['true'],
              labels: testLabels({ 'berth.test.batch': batch }),
            });
            ids.push(c.id);
            disposers.push(removeLater(docker, c.id));
          }
          const filters = { label: { 'berth.test.batch': batch } };
          const all = await listContainers(docker, { filters });
          expect(all.total).toBe(3);
          expect(all.items.map((c) => c.id).sort()).toEqual([...ids].sort());
          expect(
            all.items.every((c) => c.state === 'created' && c.labels['berth.test.batch'] === batch),
          ).toBe(true);
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await listContainers(docker, { filters, limit: 2, ...(cursor ? { cursor } : {}) });
            expect(page.total).toBe(3);
            seen.push(...page.items.map((c) => c.id));
            cursor = page.nextCursor;
          } while (cursor);
          expect(seen).toEqual(all.items.map((c) => c.id));
          const running = await listContainers(docker, { filters: { ...filters, status: 'running' } });
          expect(running.total).toBe(0);
        } finally {
          for (const d of disposers) await d[Symbol.asyncDispose]();
        }
      });

      it('stops, starts, restarts, pauses, unpauses, kills, renames and removes', async () => {
        const { docker, image } = target;
        const name = uniqueName('life');
        const { id } = await runContainer(docker, {
          image,
          name,
          cmd: ['sleep', '300'],
          labels: testLabels(),
        });
        await using _ = removeLater(docker, id);
        const state = async () => (await inspectContainer(docker, id)).State;

        await stopContainer(docker, name, { timeoutSeconds: 0 });
        expect((await state()).Running).toBe(false);
        await stopContainer(docker, name, { timeoutSeconds: 0 }); // already stopped: no error
        await startContainer(docker, name);
        await startContainer(docker, name); // already running: no error
        expect((await state()).Running).toBe(true);
        const before = (await state()).StartedAt;
        await restartContainer(docker, name, { timeoutSeconds: 0 });
        expect((await state()).StartedAt).not.toBe(before);
        await pauseContainer(docker, name);
        expect((await state()).Paused).toBe(true);
        await unpauseContainer(docker, name);
        expect((await state()).Paused).toBe(false);
        const top = await topContainer(docker, name);
        expect(top.titles).toContain('PID');
        expect(top.processes.some((p) => p.join(' ').includes('sleep 300'))).toBe(true);
        const renamed = `${name}-renamed`;
        await renameContainer(docker, name, renamed);
        expect((await inspectContainer(docker, id)).Name).toBe(`/${renamed}`);
        await killContainer(docker, renamed, { killSignal: 'SIGKILL' });
        expect((await waitContainer(docker, renamed)).exitCode).toBe(137);
        await removeContainer(docker, renamed, { volumes: true });
        expect(await codeOf(inspectContainer(docker, id))).toBe('NOT_FOUND');
      });

      it('maps engine refusals to typed codes and checks input before calling', async () => {
        const { docker, image } = target;
        const name = uniqueName('conflict');
        const { id } = await createContainer(docker, {
          image,
          name,
          cmd: ['sleep', '300'],
          labels: testLabels(),
        });
        await using _ = removeLater(docker, id);
        expect(
          await codeOf(createContainer(docker, { image, name, cmd: ['true'], labels: testLabels() })),
        ).toBe('CONFLICT');
        expect(await codeOf(inspectContainer(docker, 'berth-no-such-container'))).toBe('NOT_FOUND');
        expect(await codeOf(startContainer(docker, 'berth-no-such-container'))).toBe('NOT_FOUND');
        expect(await codeOf(removeContainer(docker, '--force'))).toBe('INVALID');
        expect(await codeOf(inspectContainer(docker, '../../images/json'))).toBe('INVALID');
        // A running container cannot be removed without force.
        await startContainer(docker, id);
        const error = await removeContainer(docker, id).catch((e: unknown) => e as EngineError);
        expect(error).toBeInstanceOf(EngineError);
        expect((error as EngineError).code).toBe('CONFLICT');
        expect((error as EngineError).data).toMatchObject({
          resource: 'container',
          ref: id,
          statusCode: 409,
        });
        expect(await codeOf(listContainers(docker, { signal: AbortSignal.abort() }))).toBe('CANCELLED');
      });

      it('reads logs split into stdout and stderr lines, with tail and timestamps', async () => {
        const { docker, image } = target;
        const { id } = await runContainer(docker, {
          image,
          cmd: ['sh', '-c', 'echo out1; echo err1 >&2; echo out2; printf "no newline"'],
          labels: testLabels(),
        });
        await using _ = removeLater(docker, id);
        expect((await waitContainer(docker, id)).exitCode).toBe(0);
        const logs = await containerLogs(docker, id);
        expect(logs.truncated).toBe(false);
        expect(logs.lines.filter((l) => l.stream === 'stdout').map((l) => l.text)).toEqual([
          'out1',
          'out2',
          'no newline',
        ]);
        expect(logs.lines.filter((l) => l.stream === 'stderr').map((l) => l.text)).toEqual(['err1']);
        const stamped = await containerLogs(docker, id, { timestamps: true, stderr: false });
        expect(stamped.lines.map((l) => l.text)).toEqual(['out1', 'out2', 'no newline']);
        for (const line of stamped.lines) expect(Date.parse(line.timestamp ?? '')).toBeGreaterThan(0);
        const capped = await containerLogs(docker, id, { maxBytes: 6, stderr: false });
        expect(capped).toMatchObject({ truncated: true, lines: [{ text: 'out1' }] });
        const tail = await containerLogs(docker, id, { tail: 1, stderr: false });
        expect(tail.lines.map((l) => l.text)).toEqual(['no newline']);
      });

      it('follows logs until the container exits', async () => {
        const { docker, image } = target;
        const { id } = await runContainer(docker, {
          image,
          cmd: ['sh', '-c', 'echo first; sleep 1; echo second >&2; sleep 1; echo third'],
          labels: testLabels(),
        });
        await using _ = removeLater(docker, id);
        const seen: string[] = [];
        for await (const line of followLogs(docker, id)) seen.push(`${line.stream}:${line.text}`);
        expect(seen).toEqual(['stdout:first', 'stderr:second', 'stdout:third']);
      });

      it('ends a log follow on abort while the container keeps running', async () => {
        const { docker, image } = target;
        const { id } = await runContainer(docker, {
          image,
          cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo line$i; sleep 0.2; done'],
          labels: testLabels(),
        });
        await using _ = removeLater(docker, id);
        const controller = new AbortController();
        const seen: string[] = [];
        for await (const line of followLogs(docker, id, { signal: controller.signal })) {
          seen.push(line.text);
          if (seen.length === 3) controller.abort();
        }
        expect(seen).toEqual(['line1', 'line2', 'line3']);
        expect((await inspectContainer(docker, id)).State.Running).toBe(true);
      });

      it('reads one stats sample with CPU% and memory', async () => {
        const { docker, image } = target;
        const { id } = await runContainer(docker, {
          image,
          cmd: ['sh', '-c', 'while true; do :; done'],
          labels: testLabels(),
        });
        await using _ = removeLater(docker, id);
        const stats = await containerStats(docker, id);
        expect(stats.onlineCpus).toBeGreaterThanOrEqual(1);
        // A busy loop uses CPU; it cannot use more than every CPU there is.
        expect(stats.cpuPercent).toBeGreaterThan(0);
        expect(stats.cpuPercent).toBeLessThanOrEqual(stats.onlineCpus * 100 + 1);
        expect(stats.memoryBytes).toBeGreaterThan(0);
        expect(stats.memoryLimitBytes).toBeGreaterThan(stats.memoryBytes);
        expect(stats.memoryPercent).toBeGreaterThan(0);
        expect(stats.pids).toBeGreaterThanOrEqual(1);
        expect(testRunId()).toBeTruthy();
      });
    });
  },
  { timeout: 300_000 },
);
