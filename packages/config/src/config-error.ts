import { BerthError, type ErrorCode } from '@berth/errors';
import type { ConfigIssue } from './config-issue.js';

/**
 * Codes:
 * - INVALID_CONFIG: the configuration (loaded, or as it would be after a write) breaks the schema or a rule; `data.issues` lists why.
 * - INVALID_YAML: a config file is not valid YAML (syntax, duplicate keys); `data.issues` has line and column.
 * - NOT_FOUND: a file named explicitly (`--config`, BERTH_CONFIG, an ssh_config path) does not exist.
 * - READ_FAILED: a file exists but could not be read.
 * - WRITE_FAILED: writing the temporary file or renaming it failed; the original file is untouched.
 * - VERIFY_FAILED: the written text did not read back as intended; nothing was renamed over the original.
 * - CONFLICT: the file changed on disk while a write was being prepared; nothing was written.
 * - UNEDITABLE: the file's layout cannot be edited safely (e.g. the top level is not a mapping).
 * - PROFILE_EXISTS: adding a profile whose name is taken (pass `overwrite` to replace it).
 * - PROFILE_NOT_FOUND: editing, removing or defaulting to a profile the file does not define.
 * - RELOAD_FAILED: hot reload found an invalid configuration and kept the last good one.
 * - WATCH_FAILED: the config watcher could not watch a directory.
 */
export type ConfigErrorCode = Extract<
  ErrorCode,
  | 'INVALID_CONFIG'
  | 'INVALID_YAML'
  | 'NOT_FOUND'
  | 'READ_FAILED'
  | 'WRITE_FAILED'
  | 'VERIFY_FAILED'
  | 'CONFLICT'
  | 'UNEDITABLE'
  | 'PROFILE_EXISTS'
  | 'PROFILE_NOT_FOUND'
  | 'RELOAD_FAILED'
  | 'WATCH_FAILED'
>;

export interface ConfigErrorData {
  /** The file the error is about, when there is one. */
  file?: string;
  /** Dot-path issues behind INVALID_CONFIG, INVALID_YAML and RELOAD_FAILED. */
  issues?: ConfigIssue[];
  [key: string]: unknown;
}

export class ConfigError extends BerthError<ConfigErrorCode> {
  override name = 'ConfigError';
  declare readonly data: ConfigErrorData;

  constructor(
    code: ConfigErrorCode,
    message: string,
    data: ConfigErrorData = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, data, options);
  }
}
