import type { ErrorCategory, ErrorCode } from './error-code.js';

/** What berth knows about one code: apps render errors from this, never from their own lists. */
export interface ErrorCodeInfo {
  /** What went wrong, in one clause. */
  summary: string;
  /** What to do about it, for an agent or a person; absent where there is nothing to do. */
  hint?: string;
  httpStatus: number;
  exitCode: number;
  category: ErrorCategory;
}

/** Exit code and default HTTP status of each category; a code may pick a closer status. */
const CATEGORIES: Record<ErrorCategory, { exitCode: number; httpStatus: number }> = {
  failure: { exitCode: 1, httpStatus: 500 },
  invalid: { exitCode: 2, httpStatus: 400 },
  'not-found': { exitCode: 3, httpStatus: 404 },
  conflict: { exitCode: 4, httpStatus: 409 },
  unreachable: { exitCode: 5, httpStatus: 502 },
  timeout: { exitCode: 6, httpStatus: 504 },
  denied: { exitCode: 7, httpStatus: 403 },
  config: { exitCode: 8, httpStatus: 500 },
  unsupported: { exitCode: 9, httpStatus: 501 },
  cancelled: { exitCode: 130, httpStatus: 499 },
};

function code(category: ErrorCategory, summary: string, hint?: string, httpStatus?: number): ErrorCodeInfo {
  const base = CATEGORIES[category];
  const info: ErrorCodeInfo = {
    summary,
    httpStatus: httpStatus ?? base.httpStatus,
    exitCode: base.exitCode,
    category,
  };
  if (hint !== undefined) info.hint = hint;
  return Object.freeze(info);
}

/** The one table of codes; ErrorCode documents each code, this says what to do about it. */
// biome-ignore format: one line per code keeps the table readable as a table.
export const ERROR_CODES: Readonly<Record<ErrorCode, ErrorCodeInfo>> = Object.freeze({
  INTERNAL: code('failure', 'berth hit a bug', 'report it with the message; retrying will not help'),
  NOT_FOUND: code('not-found', 'the resource does not exist', 'list the resources on that host to find the right name'),
  CONFLICT: code('conflict', "the resource's state forbids the operation", 'check its current state, then retry or pick another name'),
  UNREACHABLE: code('unreachable', 'the engine could not be reached', 'check that the engine runs and the profile is right'),
  TIMEOUT: code('timeout', 'the call ran past its deadline', "retry, or raise the profile's timeoutMs"),
  DENIED: code('denied', 'the engine or the transport refused', 'check permissions and credentials of the profile'),
  // No hint: every INVALID message already names the argument and what it must be.
  INVALID: code('invalid', 'the request is malformed'),
  CANCELLED: code('cancelled', 'the operation was cancelled'),
  // The engine is the upstream of every call, so its failures are a bad gateway, not berth's.
  ENGINE: code('failure', 'the engine failed', "read the engine's message; retry if it looks transient", 502),
  UNKNOWN_PROFILE: code('invalid', 'no profile of that name is configured', 'use one of the configured profile names'),
  // Unavailable by choice or for a moment, not broken: 503 tells a client it may come back.
  DISABLED: code('unreachable', 'the profile is disabled', 'enable the profile in the configuration, or use another', 503),
  HOST_KEY_UNKNOWN: code('denied', "the host's SSH key is in no known_hosts file", 'a person must verify the host key and add it to known_hosts'),
  HOST_KEY_MISMATCH: code('denied', 'the host offered a different SSH key than the one known', 'a person must check the host and fix its known_hosts entry'),
  HOST_KEY_REVOKED: code('denied', 'the host offered a revoked SSH key', 'a person must check the host; a revoked key is never accepted'),
  AUTH_FAILED: code('denied', 'the SSH server refused every credential', "check the profile's user, key file and SSH agent"),
  CONFIG: code('config', 'the profile cannot be used as written', "fix the profile's setting the message names"),
  UNSUPPORTED: code('unsupported', 'the operation does not exist for this transport or engine', 'use a profile or engine that supports it'),
  CLOSED: code('unreachable', 'the client was closed', 'retry; the next call gets a new client', 503),
  INVALID_CONFIG: code('config', 'the configuration breaks a rule', 'fix the keys the message lists'),
  INVALID_YAML: code('config', 'a config file is not valid YAML', 'fix the YAML at the line and column given'),
  READ_FAILED: code('config', 'a file could not be read', "check the file's permissions"),
  WRITE_FAILED: code('config', 'a file could not be written; the original is untouched', "check the directory's permissions and free space"),
  VERIFY_FAILED: code('config', 'a written file did not read back as intended; the original is untouched', 'retry; if it fails again, edit the file by hand'),
  UNEDITABLE: code('config', 'the file cannot be edited safely', 'edit the file by hand'),
  PROFILE_EXISTS: code('conflict', 'a profile of that name exists', 'pick another name, or pass overwrite to replace it'),
  PROFILE_NOT_FOUND: code('not-found', 'the file defines no profile of that name', 'use a profile the file defines'),
  RELOAD_FAILED: code('config', 'the reloaded configuration is invalid; the last good one stays in use', 'fix the file; it is read again on save'),
  WATCH_FAILED: code('config', 'the config directory cannot be watched', 'fix the directory and restart to pick up changes'),
  INVALID_ARGUMENT: code('invalid', 'an argument is empty, too long or has characters it does not allow', 'pass a value in the allowed form'),
  CONTROL_CHARACTER: code('invalid', 'a value holds a control character', 'remove the control characters'),
  LOOKS_LIKE_FLAG: code('invalid', 'a value starts with -', 'pass a value that does not start with -'),
  INVALID_IMAGE_REF: code('invalid', 'not a valid image reference', 'write the image as [registry/]repo[:tag][@digest]'),
  UNKNOWN_HOST: code('invalid', 'host names no configured profile', 'use a configured host, or omit host for the default'),
  READ_ONLY: code('denied', 'the server or profile is read-only', 'use a read action, or a profile that allows changes'),
  DECLINED: code('denied', 'the user declined the action', 'do not retry unless the user asks for it'),
  FAILED: code('failure', 'every host failed', "read each host's error in the message"),
  PLAN_CHANGED: code('conflict', "the confirmation token's plan no longer matches", 'run the dry run again and confirm the new plan'),
  // 428 Precondition Required: the request must carry a confirmation, not other credentials.
  CONFIRMATION_REQUIRED: code('denied', 'the action loses data and needs confirmation', 'run a dry run, then call again with its confirmation token', 428),
  // The caller may do this; berth could not record it, which is berth's failure.
  AUDIT_FAILED: code('denied', 'the audit line could not be written, so the action did not run', 'fix the audit log (path, permissions, disk space), then retry', 500),
  // The database is the upstream of the call, as the engine is for ENGINE: a bad gateway.
  DATABASE: code('failure', 'the database reported an error', "read the database's own message; fix the statement or the data it names", 502),
  NO_ENGINE: code('unreachable', 'no Docker engine answers for the test bed', 'start a Docker engine or set DOCKER_HOST'),
  COMMAND_FAILED: code('failure', 'a test bed command exited non-zero', "read the command's output in the message"),
  FIXTURE: code('failure', 'a fixture could not be built or started', 'read the build or start log in the message'),
});
