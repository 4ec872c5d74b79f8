import { describeError, ERROR_CODES, type ErrorCode } from '@berth/errors';
import { ZodError } from 'zod';
import { clip } from './host-param.js';

/** A failure as its reader sees it: a code from the error spine and one line (what, then what to do). */
export interface ErrorLine {
  code: ErrorCode;
  message: string;
  httpStatus: number;
  exitCode: number;
}

/** An error already mapped to its line (with the host it happened on). */
export class MappedError extends Error {
  override readonly name = 'MappedError';
  constructor(
    readonly line: ErrorLine,
    options: { cause?: unknown } = {},
  ) {
    super(line.message, options);
  }
}

function zodLine(error: ZodError): string {
  const parts = error.issues.slice(0, 2).map((issue) => {
    const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return `${path}${issue.message}`;
  });
  return `Invalid arguments: ${parts.join('; ')}`;
}

/**
 * The one place that turns any thrown value into one line for the agent, by the error's
 * code (every berth package's error carries one; see @berth/errors): the message, then
 * the code's hint. Never a stack trace; user input is clipped, secrets masked by the caller.
 */
export function errorLine(error: unknown, host?: string): ErrorLine {
  if (error instanceof MappedError) return error.line;
  const where = host ? `${host}: ` : '';
  if (error instanceof ZodError) {
    const { httpStatus, exitCode } = ERROR_CODES.INVALID;
    return { code: 'INVALID', message: clip(zodLine(error), 400), httpStatus, exitCode };
  }
  const d = describeError(error);
  const text = d.code === 'INTERNAL' ? `internal error: ${d.message}` : d.message;
  // A message that already names its host (a did-you-mean from the action) keeps one prefix,
  // and one that already says what to do needs no generic hint after it.
  const named = host !== undefined && text.startsWith(`${host}: `) ? text.slice(host.length + 2) : text;
  const guided = d.data.hinted === true || (d.hint !== undefined && text.includes(d.hint));
  const hint = d.hint && !guided ? `; ${d.hint}` : '';
  return {
    code: d.code,
    message: clip(`${where}${named}${hint}`, 400),
    httpStatus: d.httpStatus,
    exitCode: d.exitCode,
  };
}
