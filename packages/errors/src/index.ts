export { BerthError, isBerthError } from './berth-error.js';
export { Deadline, type DeadlineStop, deadlinePassedMs } from './deadline.js';
export { describeError, type ErrorDescription, exitCodeOf, httpStatusOf } from './describe-error.js';
export type { ErrorCategory, ErrorCode } from './error-code.js';
export { ERROR_CODES, type ErrorCodeInfo } from './error-codes.js';
export { raceSignal } from './race-signal.js';
