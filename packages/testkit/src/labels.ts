import { hostname } from 'node:os';

/**
 * Every resource the test bed creates carries these labels, so a sweep can find it
 * and tell whether the test process that owns it is still alive.
 */
export const LABEL_RUN = 'berth.test';
export const LABEL_PID = 'berth.test.pid';
export const LABEL_HOST = 'berth.test.host';

const runId = process.env.BERTH_TEST_RUN_ID ?? `${Date.now().toString(36)}-${process.pid}`;

/** The id of this test run (BERTH_TEST_RUN_ID, or one per process). */
export function testRunId(): string {
  return runId;
}

export function testLabels(extra: Record<string, string> = {}): Record<string, string> {
  return { [LABEL_RUN]: runId, [LABEL_PID]: String(process.pid), [LABEL_HOST]: hostname(), ...extra };
}
