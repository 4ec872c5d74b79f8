import { readFileSync } from 'node:fs';
import { engineSuite } from '@berth/testkit';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FuzzBed, startFuzzBed } from './fuzz-bed.test-support.js';
import { callArbitrary, type ToolShape } from './fuzz-call-arbitrary.test-support.js';
import { canarySearchWorks, findCanaries } from './fuzz-canary-search.test-support.js';
import {
  type EngineObject,
  gone,
  localObjects,
  objectKey,
  remoteObjects,
} from './fuzz-engine-objects.test-support.js';
import { FIXTURE_LABEL } from './fuzz-labels.test-support.js';
import { FuzzLanes } from './fuzz-lanes.test-support.js';
import { reachValues } from './fuzz-reach.test-support.js';
import { FuzzRun } from './fuzz-run.test-support.js';
import { toolShapes } from './fuzz-tool-shapes.test-support.js';

/** Calls sent at once per fast-check run, spread over the engine lanes (host_config: its own lane). */
const CALLS_PER_RUN = 8;
const ENGINE_LANES = 3;
/** fast-check runs: 1,250 × 8 = 10,000 calls. A failure prints its seed and path to replay it. */
const RUNS = Number(process.env.BERTH_FUZZ_RUNS ?? 1_250);
// CI replays one seed that is known to pass, so a red CI means a change broke something;
// BERTH_FUZZ_SEED=random explores (seed 1818890336 found that connecting a container to a
// case-variant network name left it unable to start on the 20.10 engine; connect now
// resolves the network first).
const SEED_ENV = process.env.BERTH_FUZZ_SEED ?? '20261126';
const SEED = SEED_ENV === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(SEED_ENV);
const PATH = process.env.BERTH_FUZZ_PATH;
const RUN_ID = `${Date.now().toString(36)}${process.pid}`;

const say = (line: string) => process.stderr.write(`[berth-fuzz] ${line}\n`);

engineSuite(
  'fuzz: every tool input, local and over SSH, answered by a result or one error line, and nothing runs',
  () => {
    let bed: FuzzBed;
    let lanes: FuzzLanes;
    let run: FuzzRun;
    let shapes: ToolShape[];

    beforeAll(async () => {
      say(
        `seed=${SEED} runs=${RUNS} calls/run=${CALLS_PER_RUN} (${RUNS * CALLS_PER_RUN} calls) run-id=${RUN_ID}`,
      );
      say(
        `replay: BERTH_FUZZ_SEED=${SEED} BERTH_FUZZ_RUNS=${RUNS} [BERTH_FUZZ_PATH=<path from the failure>]`,
      );
      bed = await startFuzzBed(RUN_ID);
      const engines = Array.from({ length: ENGINE_LANES }, (_, i) => bed.engineLane(i));
      lanes = await FuzzLanes.start([...engines, bed.hostsLane()]);
      const laneOf = (tool: string) => (tool === 'host_config' ? ENGINE_LANES : 0);
      shapes = await toolShapes(lanes, laneOf);
      run = new FuzzRun(bed, lanes, shapes);
      await run.refreshForeignNames();
    }, 600_000);

    afterAll(async () => {
      await lanes?.[Symbol.asyncDispose]();
      if (run?.heldFixture) say(`${run.heldFixture}; kill its runc process to free it`);
      else await run?.janitor.sweep('local');
      await bed?.[Symbol.asyncDispose]();
    }, 300_000);

    it('answers every call with a result or a one-line isError, and the servers never go down', async () => {
      const call = callArbitrary(shapes, reachValues(bed), bed.canaries);
      const batch = fc.array(call, { minLength: CALLS_PER_RUN, maxLength: CALLS_PER_RUN });
      const started = Date.now();
      await fc.assert(
        fc.asyncProperty(batch, async (calls) => {
          const problems = await run.batch(calls);
          if (problems.length > 0) throw new Error(problems.join('\n'));
        }),
        { seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH } : {}) },
      );
      const seconds = (Date.now() - started) / 1000;
      say(`${lanes.calls} calls in ${seconds.toFixed(1)} s (${(lanes.calls / seconds).toFixed(1)}/s)`);
      for (const line of run.stats.report()) say(line);
      say(
        `cleaned as it went: ${JSON.stringify(run.janitor.removed)}; jobs: ${JSON.stringify(run.janitor.timing)}`,
      );
      expect(run.housekeepingFailures, 'failures of the test bed itself').toEqual([]);
      expect(lanes.restarts, 'server processes that went down').toBe(0);
      expect(lanes.calls).toBeGreaterThanOrEqual(RUNS * CALLS_PER_RUN);
      const fatal = lanes
        .logs()
        .flatMap((log) => log.split('\n').filter((l) => /"level":60|uncaught|unhandled/i.test(l)));
      expect(fatal, "fatal or uncaught errors in the servers' logs").toEqual([]);
    }, 3_600_000);

    /** The checks below read every fixture: with one held by the engine they would wait out their timeouts. */
    const notHeld = () => {
      if (run?.heldFixture) throw new Error(`not checked: ${run.heldFixture}`);
    };

    it('created no canary file anywhere a payload could have run', async () => {
      notHeld();
      await run.janitor.sweep('local');
      await run.janitor.sweep('remote');
      // Fixtures the fuzz stopped or paused are started again: their files are still there.
      await run.janitor.revive();
      expect(await findCanaries(bed)).toEqual([]);
      expect(run.janitor.canaryFinds).toEqual([]);
      // The search itself finds planted canaries, so an empty answer above means none.
      expect(await canarySearchWorks(bed)).toBe(true);
    }, 300_000);

    it('never acted on a data-losing call, removed nothing of anyone else, and left nothing behind', async () => {
      notHeld();
      await run.janitor.sweep('local');
      await run.janitor.sweep('remote');
      const audit = ['engine-0', 'engine-1', 'engine-2', 'hosts'].flatMap((lane) => {
        const text = readFileSync(bed.auditLog(lane), 'utf8').trim();
        return text === '' ? [] : text.split('\n').map((line) => JSON.parse(line) as Record<string, string>);
      });
      const losing = audit.filter(
        (e) => e.tool === 'remove' || (e.tool === 'host_config' && e.action === 'remove'),
      );
      const count = (pick: (outcome: string) => boolean) =>
        losing.filter((e) => pick(e.outcome ?? '')).length;
      const started = count((o) => o === 'started');
      say(
        `audit: ${audit.length} lines, ${losing.length} of data-losing calls, ${started} ran (empty plans)`,
      );
      // Only an empty plan runs unconfirmed, and each that ran answered that it removed nothing.
      expect(started).toBe(count((o) => o === 'ok') + count((o) => o.startsWith('error:')));
      expect(count((o) => o === 'ok')).toBe(run.stats.emptyPlans);

      // Other tests share the local engine and remove their own labelled objects as they go,
      // anonymous volumes with their containers.
      const anonymousVolume = (o: EngineObject) => o.kind === 'volume' && /^[0-9a-f]{64}$/.test(o.name);
      const othersOwn = (o: EngineObject) =>
        (o.labels['berth.test'] !== undefined || anonymousVolume(o)) && o.labels[FIXTURE_LABEL] !== bed.run;
      const localGone = gone(bed.before.local, await localObjects());
      say(
        `local objects gone that other tests own and remove themselves: ${localGone.filter(othersOwn).length}`,
      );
      expect(localGone.filter((o) => !othersOwn(o)).map(objectKey)).toEqual([]);
      const remoteNow = await remoteObjects(bed.remote);
      expect(gone(bed.before.remote, remoteNow).map(objectKey)).toEqual([]);
      expect(gone(remoteNow, bed.before.remote).map(objectKey), 'left on the remote engine').toEqual([]);
      expect(await run.janitor.leftovers(), 'left on the local engine').toEqual([]);
      expect(run.janitor.keptTags, 'tags the fuzz could not take back').toEqual([]);
    }, 300_000);
  },
  { timeout: 3_600_000 },
);
