import { BerthError, type ErrorCode } from '@berth/errors';

/**
 * Codes:
 * - NO_ENGINE: no Docker engine answers and none could be started.
 * - COMMAND_FAILED: a command of the test bed exited non-zero.
 * - TIMEOUT: something did not become ready in time.
 * - FIXTURE: a fixture image could not be built or a fixture could not start.
 */
export type TestkitErrorCode = Extract<ErrorCode, 'NO_ENGINE' | 'COMMAND_FAILED' | 'TIMEOUT' | 'FIXTURE'>;

export class TestkitError extends BerthError<TestkitErrorCode> {
  override name = 'TestkitError';
  constructor(code: TestkitErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, {}, options);
  }
}
