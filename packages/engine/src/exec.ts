import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { type StartedExec, withExec } from './exec-start.js';
import { FrameDemuxer } from './frame-demuxer.js';
import { toEngineError } from './to-engine-error.js';

export interface ExecOptions extends CallOptions {
  env?: Record<string, string>;
  user?: string;
  /** Absolute working directory in the container. */
  workdir?: string;
  /** Sent to the command's stdin, which is then closed. */
  stdin?: string | Buffer;
  /** Cap on each of stdout and stderr; more is read and dropped (default 1 MiB). */
  maxOutputBytes?: number;
  /**
   * Deadline of each engine request around the command: create, the wait for the
   * stream's headers, the exit code (default 30 s, never past `timeoutMs`). A host that
   * stopped answering fails by it, not by the command's own longer deadline.
   */
  requestTimeoutMs?: number;
}

export interface ExecResult {
  /** The command's real exit code, from exec inspect. */
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when stdout or stderr passed `maxOutputBytes` and was cut. */
  truncated: boolean;
  /** Bytes the command wrote, including any that were cut. */
  stdoutBytes: number;
  stderrBytes: number;
  execId: string;
}

export const DEFAULT_EXEC_TIMEOUT_MS = 60_000;
export const DEFAULT_EXEC_MAX_OUTPUT_BYTES = 1024 * 1024;

/**
 * Runs argv in a running container (`docker exec`, no TTY) and returns demultiplexed
 * stdout and stderr with the real exit code. The command is an argv array handed to the
 * engine as `Cmd`: no shell ever parses it, so `;`, `$()` and quotes are literal.
 *
 * On timeout or abort the connection is closed and TIMEOUT/CANCELLED is thrown with the
 * output so far in `data`; the engine API cannot kill an exec, so the process itself may
 * run on inside the container.
 */
export async function execInContainer(
  docker: Docker,
  container: string,
  argv: string[],
  options: ExecOptions = {},
): Promise<ExecResult> {
  const defaults = {
    timeoutMs: DEFAULT_EXEC_TIMEOUT_MS,
    captureBytes: options.maxOutputBytes ?? DEFAULT_EXEC_MAX_OUTPUT_BYTES,
  };
  return withExec(docker, container, argv, options, defaults, (exec) => collect(exec, options.stdin));
}

/** Reads the started exec's output to its end, then its exit code. */
async function collect(exec: StartedExec, stdin: string | Buffer | undefined): Promise<ExecResult> {
  const { what, deadline, stream, out, err } = exec;
  if (stdin !== undefined) {
    // Writing then half-closing tells the engine to close the command's stdin.
    (stream as Duplex).end(stdin);
  }
  const demuxer = new FrameDemuxer('multiplexed');
  try {
    for await (const chunk of stream) {
      for (const frame of demuxer.push(chunk as Buffer)) {
        if (frame.stream === 'stdout') out.push(frame.data);
        else if (frame.stream === 'stderr') err.push(frame.data);
      }
    }
  } catch (error) {
    const partial = exec.partial();
    throw deadline.reason(partial) ?? toEngineError(error, what, partial);
  } finally {
    stream.destroy();
  }
  const exitCode = await exec.exitCode();
  return { exitCode, ...exec.captured(), execId: exec.execId };
}
