export interface RunOptions {
  /** Kill the command after this long; default: the profile's timeoutMs. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Written to the command's stdin, which is then closed. */
  input?: string | Buffer;
  /** Keep at most this many bytes of stdout and of stderr each (default 1 MiB); `truncated` says when more came. */
  maxOutputBytes?: number;
  /** Called with each piece of stdout as it arrives, before any cap: progress of a long command. */
  onStdout?: (chunk: Buffer) => void;
  /** Called with each piece of stderr as it arrives, before any cap. */
  onStderr?: (chunk: Buffer) => void;
}

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
