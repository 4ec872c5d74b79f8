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

const article = (word: string) => (/^[aeiou]/.test(word) ? 'an' : 'a');

function zodLine(error: ZodError): string {
  const parts = error.issues.slice(0, 2).map((issue) => {
    const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    // zod words a missing field as a wrong type ("expected string, received undefined").
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
      return `${path}missing; it takes ${article(issue.expected)} ${issue.expected}`;
    return `${path}${issue.message}`;
  });
  return `Invalid arguments: ${parts.join('; ')}`;
}

/** SSH verdicts that the engine layer reports as DENIED: the reader needs the precise one. */
const SSH_VERDICTS: ReadonlySet<string> = new Set<ErrorCode>([
  'HOST_KEY_UNKNOWN',
  'HOST_KEY_MISMATCH',
  'HOST_KEY_REVOKED',
  'AUTH_FAILED',
]);

interface Verdict {
  code: ErrorCode;
  /** The verdict's own message already says what to do. */
  hinted: boolean;
}

/**
 * The SSH verdict under a DENIED: the client pool's error, found as the code of an error in
 * the cause chain or as the `poolCode` an EngineError keeps of it.
 */
function sshVerdict(error: unknown): Verdict | undefined {
  let e: unknown = error;
  for (let depth = 0; e !== null && typeof e === 'object' && depth < 8; depth++) {
    const { code, data, cause } = e as {
      code?: unknown;
      data?: { poolCode?: unknown; hinted?: unknown };
      cause?: unknown;
    };
    if (typeof code === 'string' && SSH_VERDICTS.has(code)) {
      return { code: code as ErrorCode, hinted: data?.hinted === true };
    }
    const pool = data?.poolCode;
    if (typeof pool === 'string' && SSH_VERDICTS.has(pool) && cause === undefined) {
      return { code: pool as ErrorCode, hinted: false };
    }
    e = cause;
  }
  return undefined;
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
  const verdict = d.code === 'DENIED' ? sshVerdict(error) : undefined;
  const spec = verdict ? ERROR_CODES[verdict.code] : d;
  const text = d.code === 'INTERNAL' ? `internal error: ${d.message}` : d.message;
  // A message that already names its host (a did-you-mean from the action) keeps one prefix,
  // and one that already says what to do needs no generic hint after it.
  const named = host !== undefined && text.startsWith(`${host}: `) ? text.slice(host.length + 2) : text;
  const guided =
    d.data.hinted === true ||
    verdict?.hinted === true ||
    (spec.hint !== undefined && text.includes(spec.hint));
  const hint = spec.hint && !guided ? `; ${spec.hint}` : '';
  return {
    code: verdict?.code ?? d.code,
    message: clip(`${where}${named}${hint}`, 400),
    httpStatus: spec.httpStatus,
    exitCode: spec.exitCode,
  };
}
