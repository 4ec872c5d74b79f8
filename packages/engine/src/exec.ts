import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { exitCodeOf, startExec } from './exec-start.js';
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

/** Collects one stream up to a cap, counting what it dropped. */
export class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  total = 0;
  constructor(private readonly cap: number) {}
  push(data: Buffer): void {
    this.total += data.length;
    const room = this.cap - this.kept;
    if (room <= 0) return;
    const piece = data.length <= room ? data : data.subarray(0, room);
    this.chunks.push(piece);
    this.kept += piece.length;
  }
  get truncated(): boolean {
    return this.total > this.kept;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

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
  const { execId, what, deadline, call, data, stream } = await startExec(
    docker,
    container,
    argv,
    options,
    DEFAULT_EXEC_TIMEOUT_MS,
  );
  const cap = options.maxOutputBytes ?? DEFAULT_EXEC_MAX_OUTPUT_BYTES;
  const out = new CappedBuffer(cap);
  const err = new CappedBuffer(cap);
  if (options.stdin !== undefined) {
    // Writing then half-closing tells the engine to close the command's stdin.
    (stream as Duplex).end(options.stdin);
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
    const partial = { ...data, stdout: out.text(), stderr: err.text() };
    throw deadline.reason(partial) ?? toEngineError(error, what, partial);
  } finally {
    stream.destroy();
  }
  deadline.throwIfAborted({ ...data, stdout: out.text(), stderr: err.text() });
  const exitCode = await exitCodeOf(docker, execId, what, call, deadline);
  return {
    exitCode,
    stdout: out.text(),
    stderr: err.text(),
    truncated: out.truncated || err.truncated,
    stdoutBytes: out.total,
    stderrBytes: err.total,
    execId,
  };
}
