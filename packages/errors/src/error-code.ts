/**
 * Every code a berth error can carry, one line each. Each package's error class uses a
 * subset; ERROR_CODES gives each code its summary, hint, HTTP status and exit code.
 */
export type ErrorCode =
  /** A bug: anything thrown that is not a BerthError. */
  | 'INTERNAL'
  /** The container, image, volume, network, exec, file or profile does not exist. */
  | 'NOT_FOUND'
  /** The resource's state forbids the operation (name taken, in use, not running, file changed). */
  | 'CONFLICT'
  /** The engine or SSH server could not be reached (socket missing, refused, reset, DNS). */
  | 'UNREACHABLE'
  /** The call or the connection ran past its deadline. */
  | 'TIMEOUT'
  /** The engine or the transport refused: permissions, registry auth, TLS, read-only. */
  | 'DENIED'
  /** The request or its arguments are malformed. */
  | 'INVALID'
  /** The caller's AbortSignal fired. */
  | 'CANCELLED'
  /** Any other engine failure (HTTP 500, a failed pull, an unexpected answer). */
  | 'ENGINE'
  /** No profile of that name in the configuration. */
  | 'UNKNOWN_PROFILE'
  /** The profile exists but has `enabled: false`. */
  | 'DISABLED'
  /** Strict host-key policy and the host's key is in no known_hosts file. */
  | 'HOST_KEY_UNKNOWN'
  /** The host offered a key different from the one known or pinned for it. */
  | 'HOST_KEY_MISMATCH'
  /** The host offered a key marked `@revoked` in known_hosts. */
  | 'HOST_KEY_REVOKED'
  /** The SSH server refused every credential offered (key file, agent). */
  | 'AUTH_FAILED'
  /** The profile cannot be used as written (missing key file, no credentials, bad TLS file). */
  | 'CONFIG'
  /** The operation does not exist for this transport or engine. */
  | 'UNSUPPORTED'
  /** The client was evicted or the pool disposed; a new client must be acquired. */
  | 'CLOSED'
  /** The configuration breaks the schema or a rule; `data.issues` lists why. */
  | 'INVALID_CONFIG'
  /** A config file is not valid YAML; `data.issues` has line and column. */
  | 'INVALID_YAML'
  /** A file exists but could not be read. */
  | 'READ_FAILED'
  /** Writing a file failed; the original file is untouched. */
  | 'WRITE_FAILED'
  /** A written file did not read back as intended; the original file is untouched. */
  | 'VERIFY_FAILED'
  /** The file's layout cannot be edited safely (e.g. the top level is not a mapping). */
  | 'UNEDITABLE'
  /** Adding a profile whose name is taken. */
  | 'PROFILE_EXISTS'
  /** Editing, removing or defaulting to a profile the file does not define. */
  | 'PROFILE_NOT_FOUND'
  /** Hot reload found an invalid configuration and kept the last good one. */
  | 'RELOAD_FAILED'
  /** The config watcher could not watch a directory. */
  | 'WATCH_FAILED'
  /** An argument is empty, too long, or has characters it does not allow. */
  | 'INVALID_ARGUMENT'
  /** A value holds a NUL, newline or other control character. */
  | 'CONTROL_CHARACTER'
  /** A value starts with `-`, so a command would read it as an option. */
  | 'LOOKS_LIKE_FLAG'
  /** Not a valid image reference (`[registry/]repo[:tag][@digest]`). */
  | 'INVALID_IMAGE_REF'
  /** A tool's `host` names no configured profile. */
  | 'UNKNOWN_HOST'
  /** A mutating action on a read-only server or profile. */
  | 'READ_ONLY'
  /** The user declined a destructive action when asked to confirm it. */
  | 'DECLINED'
  /** Every host of a fan-out failed. */
  | 'FAILED'
  /** A confirmation token's plan no longer matches what would be done. */
  | 'PLAN_CHANGED'
  /** A data-losing action was called without confirmation where none can be asked. */
  | 'CONFIRMATION_REQUIRED'
  /** The audit line could not be written, so the action did not run. */
  | 'AUDIT_FAILED'
  /** The database in a container refused or failed: a query error, a dump or restore tool that exited non-zero, a restore that did not verify. */
  | 'DATABASE'
  /** No Docker engine answers for the test bed and none could be started. */
  | 'NO_ENGINE'
  /** A command of the test bed exited non-zero. */
  | 'COMMAND_FAILED'
  /** A fixture image could not be built or a fixture could not start. */
  | 'FIXTURE';

/** What kind of failure a code is; each category has one exit code. */
export type ErrorCategory =
  | 'failure'
  | 'invalid'
  | 'not-found'
  | 'conflict'
  | 'unreachable'
  | 'timeout'
  | 'denied'
  | 'config'
  | 'unsupported'
  | 'cancelled';
