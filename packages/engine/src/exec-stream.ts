import { once } from 'node:events';
import type { Duplex, Readable, Writable } from 'node:stream';
import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { EngineError } from './engine-error.js';
import { type StartedExec, withExec } from './exec-start.js';
import { FrameDemuxer } from './frame-demuxer.js';
import { toEngineError } from './to-engine-error.js';

export interface ExecStreamOptions extends CallOptions {
  env?: Record<string, string>;
  user?: string;
  /** Absolute working directory in the container. */
  workdir?: string;
  /** Piped to the command's stdin with backpressure, which is closed when it ends. */
  stdin?: Readable;
  /**
   * Receives the command's stdout with backpressure (never ended by the exec: the caller
   * owns it). Without it stdout is kept like stderr, up to `maxCapturedBytes`.
   */
  stdout?: Writable;
  /** Cap on stderr (and stdout when no `stdout` is given) kept in the result; default 64 KiB. */
  maxCapturedBytes?: number;
  /** Deadline of each engine request around the command (create, start, exit code); default 30 s. */
  requestTimeoutMs?: number;
}

export interface ExecStreamResult {
  /** The command's real exit code, from exec inspect. */
  exitCode: number;
  /** Captured stdout; empty when it went to `options.stdout`. */
  stdout: string;
  stderr: string;
  /** True when captured stdout or stderr passed `maxCapturedBytes` and was cut. */
  truncated: boolean;
  stdoutBytes: number;
  stderrBytes: number;
  /** Bytes read from `options.stdin` and sent to the command. */
  stdinBytes: number;
  execId: string;
}

/** Backups and restores are long by nature; a caller that knows the size passes its own. */
export const DEFAULT_EXEC_STREAM_TIMEOUT_MS = 30 * 60_000;
export const DEFAULT_EXEC_STREAM_CAPTURE_BYTES = 64 * 1024;

/**
 * `docker exec` with streams: stdin from a Readable, stdout into a Writable, each with
 * backpressure, so a dump of any size passes through in constant memory. stderr is kept
 * (capped) for the error message; the exit code comes from exec inspect. argv only, as
 * `execInContainer`. On timeout or abort the connection closes and TIMEOUT/CANCELLED is
 * thrown; the engine API cannot kill an exec, so the process may run on in the container.
 */
export async function execStream(
  docker: Docker,
  container: string,
  argv: string[],
  options: ExecStreamOptions = {},
): Promise<ExecStreamResult> {
  const defaults = {
    timeoutMs: DEFAULT_EXEC_STREAM_TIMEOUT_MS,
    captureBytes: options.maxCapturedBytes ?? DEFAULT_EXEC_STREAM_CAPTURE_BYTES,
  };
  return withExec(docker, container, argv, options, defaults, (exec) => pump(exec, options));
}

/** Feeds stdin and drains stdout and stderr of the started exec, then reads its exit code. */
async function pump(exec: StartedExec, options: ExecStreamOptions): Promise<ExecStreamResult> {
  const { what, deadline, stream, out, err, partial } = exec;
  // Stops the feeder and any wait for drain once output ends, fails or the deadline fires.
  const done = new AbortController();
  const stopped = AbortSignal.any([done.signal, deadline.signal]);
  const onAbort = () => stream.destroy();
  deadline.signal.addEventListener('abort', onAbort, { once: true });
  const feeding = options.stdin ? feed(options.stdin, stream as Duplex, stopped) : Promise.resolve(0);
  // A stdin that fails (an unreadable file) ends the exec instead of leaving the command waiting.
  feeding.catch(() => stream.destroy());
  const sink = options.stdout;
  let sinkError: unknown;
  const onSinkError = (error: unknown) => {
    sinkError = error;
    stream.destroy();
  };
  sink?.once('error', onSinkError);
  const demuxer = new FrameDemuxer('multiplexed');
  let stdoutBytes = 0;
  let stdinBytes = 0;
  try {
    for await (const chunk of stream) {
      // A program writing small pieces (pg_dump, seq) makes many small frames: their
      // payloads in one chunk go to the sink as one write, not one write each.
      const pieces: Buffer[] = [];
      for (const frame of demuxer.push(chunk as Buffer)) {
        if (frame.stream === 'stderr') err.push(frame.data);
        else if (frame.stream !== 'stdout') continue;
        else if (!sink) out.push(frame.data);
        else pieces.push(frame.data);
      }
      if (sink && pieces.length > 0) {
        const data = pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces);
        stdoutBytes += data.length;
        if (!sink.write(data)) await once(sink, 'drain', { signal: stopped });
      }
    }
    if (demuxer.incomplete) {
      throw new EngineError('ENGINE', `${what}: the engine closed the stream inside a frame`, partial());
    }
    // Output ended: the command exited, so whatever stdin it did not read has nowhere to go.
    done.abort();
    stdinBytes = await feeding;
  } catch (error) {
    done.abort();
    if (sinkError !== undefined) throw toEngineError(sinkError, `${what}: write stdout`, partial());
    const stdinError = await feeding.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (stdinError !== undefined) throw toEngineError(stdinError, `${what}: read stdin`, partial());
    throw deadline.reason(partial()) ?? toEngineError(error, what, partial());
  } finally {
    done.abort();
    deadline.signal.removeEventListener('abort', onAbort);
    sink?.removeListener('error', onSinkError);
    stream.destroy();
  }
  const exitCode = await exec.exitCode();
  return {
    exitCode,
    ...exec.captured(),
    stdoutBytes: sink ? stdoutBytes : out.total,
    stdinBytes,
    execId: exec.execId,
  };
}

/**
 * Copies `source` into the exec's stdin, waiting for drain, then half-closes it so the
 * command sees end of input. A command that exits without reading all of it is not an
 * error here: its exit code says what happened.
 */
async function feed(source: Readable, target: Duplex, stop: AbortSignal): Promise<number> {
  let bytes = 0;
  try {
    for await (const chunk of source) {
      if (stop.aborted || target.destroyed) break;
      bytes += (chunk as Buffer).length;
      if (!target.write(chunk)) await once(target, 'drain', { signal: stop });
    }
    if (!stop.aborted && !target.destroyed) target.end();
  } catch (error) {
    if (!stop.aborted) throw error;
  } finally {
    if (!source.readableEnded) source.destroy();
  }
  return bytes;
}
