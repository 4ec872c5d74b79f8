import { engineSuite } from '@berth/testkit';
import { expect, it } from 'vitest';
import { pauseContainer, unpauseContainer } from './container-lifecycle.js';
import { inspectContainer } from './containers.js';
import { EngineError } from './engine-error.js';
import { useSleepingContainer, useTarget } from './engine-targets.test-support.js';
import { execInContainer } from './exec.js';

const ROUNDS = 30;
const EXECS_PER_ROUND = 3;

engineSuite(
  'a pause sent while execs start, on a real engine',
  () => {
    const target = useTarget('local');
    const box = useSleepingContainer(target);

    /**
     * The container's state once the engine's record of it settles (on `expected`, or after 2 s). The engine (20.10)
     * applies the runtime's pause and resume events after it answers, so right after an
     * unpause its record said "paused" for a moment, with the cgroup thawed, in 3 of 200
     * rounds here. An engine that a frozen exec holds does not answer inspect at all.
     */
    async function settledState(round: number, expected = 'running'): Promise<string> {
      for (let look = 1; ; look++) {
        const info = await inspectContainer(target.docker, box.id, { timeoutMs: 10_000 }).catch(
          (error: unknown) => {
            throw new Error(
              `round ${round}: the engine no longer answers for the container (a frozen exec holds it)`,
              { cause: error },
            );
          },
        );
        if (info.State.Status === expected || look === 40) return info.State.Status;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    // runc 1.1 never finishes an exec whose process was joining the container's cgroup as
    // the pause froze it, and the engine then holds the container: without the freeze
    // guard, `docker exec` beside `docker pause` hung within a few rounds on this engine.
    it('never leaves the engine holding the container, and each exec runs or is refused as paused', async () => {
      const outcomes = new Map<string, number>();
      for (let round = 1; round <= ROUNDS; round++) {
        const execs = Array.from({ length: EXECS_PER_ROUND }, () =>
          execInContainer(target.docker, box.id, ['true'], { timeoutMs: 20_000 }).then(
            (result) => `exit ${result.exitCode}`,
            (error: unknown) => (error instanceof EngineError ? error.code : String(error)),
          ),
        );
        // The pause leaves 0 to 27 ms after the execs, so some rounds catch an exec's start.
        await new Promise((resolve) => setTimeout(resolve, (round % 10) * 3));
        await pauseContainer(target.docker, box.id, { timeoutMs: 20_000 });
        await unpauseContainer(target.docker, box.id, { timeoutMs: 20_000 });
        for (const outcome of await Promise.all(execs))
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        expect(await settledState(round)).toBe('running');
      }
      // Every exec ran to exit 0, or was refused because the container was paused when it came.
      expect([...outcomes.keys()].filter((o) => o !== 'exit 0' && o !== 'CONFLICT')).toEqual([]);
      expect(outcomes.get('exit 0') ?? 0).toBeGreaterThan(0);
    });

    // An exec that another client starts (the docker CLI, another berth process) is out of
    // this process's guard; the pause waits for it once the engine shows it as starting.
    it('waits for an exec another client is starting before it freezes the container', async () => {
      const container = target.docker.getContainer(box.id);
      let caught = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const exec = await container.exec({ Cmd: ['true'] });
        const started = exec.start({ Detach: true });
        // Pause while the engine reports the exec as running without a pid: runc is starting it.
        for (;;) {
          const info = await exec.inspect();
          if (info.Running && !info.Pid) {
            caught++;
            break;
          }
          if (info.Pid || info.ExitCode !== null) break;
        }
        await pauseContainer(target.docker, box.id, { timeoutMs: 20_000 });
        await unpauseContainer(target.docker, box.id, { timeoutMs: 20_000 });
        await started;
        expect(await settledState(round)).toBe('running');
        expect((await exec.inspect()).ExitCode).toBe(0);
      }
      // Most rounds paused inside the exec's start, so the wait was what kept them safe.
      expect(caught).toBeGreaterThan(ROUNDS / 2);
    });

    it('does not wait for execs that were created and never started', async () => {
      const container = target.docker.getContainer(box.id);
      // A client that created execs and went away: the engine keeps them with the container.
      for (let i = 0; i < 40; i++) await container.exec({ Cmd: ['true'] });
      await pauseContainer(target.docker, box.id, { timeoutMs: 20_000 });
      expect(await settledState(0, 'paused')).toBe('paused');
      await unpauseContainer(target.docker, box.id, { timeoutMs: 20_000 });
      expect((await inspectContainer(target.docker, box.id)).ExecIDs?.length).toBeGreaterThanOrEqual(40);
    });
  },
  { timeout: 240_000 },
);
