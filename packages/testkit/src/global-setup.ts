import type { TestProject } from 'vitest/node';
import type { EngineAvailability } from './engine-suite.js';
import { SESSION_ENV } from './labels.js';
import { log } from './log.js';
import { prepareTestbed } from './prepare.js';
import { sweepCount, sweepLeftovers } from './sweep.js';

/**
 * vitest global setup for `*.engine.test.ts`: prepares the test bed once per test
 * process. With BERTH_REQUIRE_DOCKER=1 a missing engine fails the run instead of
 * skipping the engine suites. At the end, anything this run's test files left behind fails
 * the run (and so does anything other test processes left and ended without removing).
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
  // One name for every project of this vitest process, whose test workers inherit it and
  // label what they make with it (testLabels).
  const session = `vitest-${process.pid}`;
  process.env[SESSION_ENV] = session;

  return async () => {
    if (!availability.available) return;
    const leaked = await sweepLeftovers({ session });
    if (sweepCount(leaked) > 0) {
      // vitest prints an error thrown here ("error during close") but still exits 0.
      process.exitCode = 1;
      // The sweep also takes what other test processes left and ended without removing, so
      // the names, not the package, say which test made them.
      throw new Error(`test files left resources behind (now removed): ${JSON.stringify(leaked)}`);
    }
  };
}
