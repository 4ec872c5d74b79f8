/**
 * The test bed reports progress on stderr so that a CI log shows what it did (engine
 * started, images built or reused). It is test tooling, never product code.
 */
export function log(message: string): void {
  if (process.env.BERTH_TESTKIT_QUIET === '1') return;
  process.stderr.write(`[berth-testbed] ${message}\n`);
}
