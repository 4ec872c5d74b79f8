import { hostname } from 'node:os';

/**
 * Every resource the test bed creates carries these labels, so a sweep can find it
 * and tell whether the test process that owns it is still alive.
 */
export const LABEL_RUN = 'berth.test';
export const LABEL_PID = 'berth.test.pid';
export const LABEL_HOST = 'berth.test.host';
/**
 * The vitest run whose test files made a resource. The global setup names the run in
 * BERTH_TEST_SESSION, which its test workers inherit; at the end of the run every test
 * file has ended, so anything still labelled with it leaked, whether or not the worker
 * process that made it has exited yet.
 */
export const LABEL_SESSION = 'berth.test.session';
export const SESSION_ENV = 'BERTH_TEST_SESSION';

/**
 * The host this process labels its resources with and sweeps: this machine, unless
 * BERTH_TEST_HOST names another, as the leak check's own test does to keep its probes
 * out of the sweeps that other test processes run meanwhile.
 */
export function testHost(): string {
  return process.env.BERTH_TEST_HOST || hostname();
}

const runId = process.env.BERTH_TEST_RUN_ID ?? `${Date.now().toString(36)}-${process.pid}`;

/** The id of this test run (BERTH_TEST_RUN_ID, or one per process). */
export function testRunId(): string {
  return runId;
}

export function testLabels(extra: Record<string, string> = {}): Record<string, string> {
  const session = process.env[SESSION_ENV];
  return {
    [LABEL_RUN]: runId,
    [LABEL_PID]: String(process.pid),
    [LABEL_HOST]: testHost(),
    ...(session ? { [LABEL_SESSION]: session } : {}),
    ...extra,
  };
}
