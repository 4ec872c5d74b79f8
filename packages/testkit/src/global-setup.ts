import type { TestProject } from 'vitest/node';
import type { EngineAvailability } from './engine-suite.js';
import { log } from './log.js';
import { prepareTestbed } from './prepare.js';
import { sweepCount, sweepLeftovers } from './sweep.js';

/**
 * vitest global setup for `*.engine.test.ts`: prepares the test bed once per test
 * process. With BERTH_REQUIRE_DOCKER=1 a missing engine fails the run instead of
 * skipping the engine suites. At the end, anything this run left behind fails it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const required = process.env.BERTH_REQUIRE_DOCKER === '1';
  let availability: EngineAvailability;
  try {
    await prepareTestbed();
    availability = { available: true };
  } catch (error) {
    if (required) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    log(`engine tests skipped: ${reason} (set BERTH_REQUIRE_DOCKER=1 to make this a failure)`);
    availability = { available: false, reason };
  }
  project.provide('berthEngine', availability);

  return async () => {
    if (!availability.available) return;
    const leaked = await sweepLeftovers();
    if (sweepCount(leaked) > 0) {
      throw new Error(`this test run left resources behind (now removed): ${JSON.stringify(leaked)}`);
    }
  };
}
