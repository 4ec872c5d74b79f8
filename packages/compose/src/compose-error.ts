import { BerthError, type ErrorCode } from '@berth/errors';

/** The codes a compose job or a deploy fails with; apps map them through @berth/errors. */
export type ComposeErrorCode = Extract<
  ErrorCode,
  /** An option, a project name, a service name or a path is not allowed (checked before anything runs). */
  | 'INVALID'
  /** The project, a service, or the compose file does not exist on that host. */
  | 'NOT_FOUND'
  /** No compose on the host, or the profile cannot run commands (tcp). */
  | 'UNSUPPORTED'
  /** The job ran past its deadline; the compose process was killed. */
  | 'TIMEOUT'
  /** The caller's signal fired; the compose process was killed. */
  | 'CANCELLED'
  /** The host could not be reached. */
  | 'UNREACHABLE'
  /** The profile refused (read-only, host key, credentials). */
  | 'DENIED'
  /** Compose or the engine failed, or a container exited or got unhealthy while waited for; the message carries compose's own (masked) stderr. */
  | 'ENGINE'
  /** Deploy could not write the stack's files on the host; the files there before are untouched. */
  | 'WRITE_FAILED'
>;

export interface ComposeErrorData {
  /** The profile the job ran on. */
  profile?: string;
  /** The compose project (stack) name. */
  project?: string;
  /** The job: `up`, `down`, `ps`, `deploy`, ... */
  operation?: string;
  /** Compose's exit code, when it ran to the end. */
  exitCode?: number;
  [key: string]: unknown;
}

export class ComposeError extends BerthError<ComposeErrorCode> {
  override readonly name = 'ComposeError';
  declare readonly data: ComposeErrorData;

  constructor(
    code: ComposeErrorCode,
    message: string,
    data: ComposeErrorData = {},
    options: { cause?: unknown } = {},
  ) {
    super(code, message, data, options);
  }
}

export function isComposeError(error: unknown): error is ComposeError {
  return error instanceof ComposeError;
}
