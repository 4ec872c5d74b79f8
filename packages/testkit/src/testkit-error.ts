/**
 * Codes:
 * - NO_ENGINE: no Docker engine answers and none could be started.
 * - COMMAND_FAILED: a command of the test bed exited non-zero.
 * - TIMEOUT: something did not become ready in time.
 * - FIXTURE: a fixture image could not be built or a fixture could not start.
 */
export type TestkitErrorCode = 'NO_ENGINE' | 'COMMAND_FAILED' | 'TIMEOUT' | 'FIXTURE';

export class TestkitError extends Error {
  override name = 'TestkitError';
  constructor(
    readonly code: TestkitErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
