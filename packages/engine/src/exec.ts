import type { Duplex, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { type CallOptions, DEFAULT_TIMEOUT_MS, Deadline } from './call-options.js';
import { EngineError } from './engine-error.js';
import { engineRequest, engineStream, pathOf } from './engine-request.js';
import { FrameDemuxer } from './frame-demuxer.js';
import { assertAbsolutePath, assertArgv, assertRef, assertUser, envList } from './input-guards.js';
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
  const ref = assertRef('container', container);
  const cmd = assertArgv(argv, 'argv');
  const body = {
    AttachStdin: options.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    Cmd: cmd,
    ...(options.env ? { Env: envList(options.env) } : {}),
    ...(options.user ? { User: assertUser(options.user) } : {}),
    ...(options.workdir ? { WorkingDir: assertAbsolutePath(options.workdir, 'workdir') } : {}),
  };
  const what = `exec ${JSON.stringify(cmd[0])} in container ${ref}`;
  const deadline = new Deadline(options, DEFAULT_EXEC_TIMEOUT_MS, what);
  const call = {
    signal: deadline.signal,
    timeoutMs: Math.min(deadline.timeoutMs, options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
  const createData = { resource: 'container', ref, operation: 'container.exec' };
  const created = await engineRequest<{ Id: string }>(
    docker,
    { method: 'POST', path: pathOf`/containers/${ref}/exec`, body, what, data: createData },
    call,
  ).catch((error: unknown) => {
    throw deadline.reason(createData) ?? error;
  });
  const execId = created.Id;
  const data = { resource: 'exec', ref, execId, operation: 'container.exec' };
  const cap = options.maxOutputBytes ?? DEFAULT_EXEC_MAX_OUTPUT_BYTES;
  const out = new CappedBuffer(cap);
  const err = new CappedBuffer(cap);
  const stream = (await engineStream(
    docker,
    {
      method: 'POST',
      path: pathOf`/exec/${execId}/start`,
      body: { Detach: false, Tty: false },
      // stdin needs the hijacked (upgraded) connection; output alone does not.
      hijack: options.stdin !== undefined,
      what,
      data,
    },
    call,
  ).catch((error: unknown) => {
    throw deadline.reason(data) ?? error;
  })) as Readable & Partial<Duplex>;
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

/** The exit code from exec inspect; the engine may report it a moment after the stream ends. */
export async function exitCodeOf(
  docker: Docker,
  execId: string,
  what: string,
  call: CallOptions,
  deadline: Deadline,
): Promise<number> {
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    const info = await engineRequest<{ Running: boolean; ExitCode: number | null }>(
      docker,
      {
        method: 'GET',
        path: pathOf`/exec/${execId}/json`,
        what: `${what}: read exit code`,
        data: { resource: 'exec', ref: execId },
      },
      call,
    ).catch((error: unknown) => {
      throw deadline.reason({ execId }) ?? error;
    });
    if (!info.Running && typeof info.ExitCode === 'number') return info.ExitCode;
    await sleep(wait, undefined, { signal: deadline.signal }).catch(() => {
      throw deadline.reason({ execId }) ?? new EngineError('ENGINE', `${what}: no exit code`, { execId });
    });
  }
}
