export interface RunOptions {
  /** Kill the command after this long; default: the profile's timeoutMs. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Written to the command's stdin, which is then closed. */
  input?: string | Buffer;
  /** Keep at most this many bytes of stdout and of stderr each (default 1 MiB); `truncated` says when more came. */
  maxOutputBytes?: number;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
