import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { type CallOptions, DEFAULT_TIMEOUT_MS, Deadline } from './call-options.js';
import { engineStream, pathOf } from './engine-request.js';
import { assertCount, assertRef } from './input-guards.js';
import { KeptLines } from './kept-lines.js';
import { type LogLine, logLines } from './log-lines.js';
import { type TimeValue, toUnixSeconds } from './time-arg.js';
import { toEngineError } from './to-engine-error.js';

export interface LogOptions extends CallOptions {
  /** Only the last N lines (of each stream, as the engine counts); all when absent. */
  tail?: number;
  since?: TimeValue;
  until?: TimeValue;
  timestamps?: boolean;
  /** Default true. */
  stdout?: boolean;
  /** Default true. */
  stderr?: boolean;
  /** Cap of one line (default 64 KiB): the rest of a longer line is read, counted in `cutBytes`, and dropped. */
  maxLineBytes?: number;
}

export interface ContainerLogOptions extends LogOptions {
  /** Cap of the lines kept, in bytes of text (default 1 MiB). */
  maxBytes?: number;
  /**
   * Which lines the cap keeps: `first` (default) stops reading at the cap; `last` reads
   * to the end and keeps the newest lines that fit, for a tail.
   */
  keep?: 'first' | 'last';
}

export interface ContainerLogs {
  lines: LogLine[];
  /** True when output passed `maxBytes` and lines were left out (later ones, or with `keep: 'last'` older ones). */
  truncated: boolean;
  /** Lines left out by the cap with `keep: 'last'` (0 otherwise: the read stopped at the cap). */
  dropped: number;
}

/** Default cap of one-shot logs: plenty for a diagnosis, small enough for an agent's context. */
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;

function logQuery(options: LogOptions, follow: boolean) {
  return {
    follow,
    stdout: options.stdout ?? true,
    stderr: options.stderr ?? true,
    timestamps: options.timestamps === true,
    tail: options.tail === undefined ? undefined : assertCount(options.tail, 'tail'),
    since: toUnixSeconds(options.since, 'since'),
    until: toUnixSeconds(options.until, 'until'),
  };
}

/** Logs up to now, split into stdout and stderr lines; the deadline covers the whole read. */
export async function containerLogs(
  docker: Docker,
  container: string,
  options: ContainerLogOptions = {},
): Promise<ContainerLogs> {
  const ref = assertRef('container', container);
  const query = logQuery(options, false);
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const what = `read logs of container ${ref}`;
  const data = { resource: 'container', ref, operation: 'container.logs' };
  const deadline = new Deadline(options, DEFAULT_TIMEOUT_MS, what);
  try {
    const stream = (await engineStream(
      docker,
      { method: 'GET', path: pathOf`/containers/${ref}/logs`, query, what, data },
      { signal: deadline.signal, timeoutMs: deadline.timeoutMs },
    )) as Readable;
    const kept = new KeptLines(maxBytes, options.keep ?? 'first');
    for await (const line of logLines(stream, {
      timestamps: query.timestamps,
      stopped: () => deadline.aborted,
      ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
    })) {
      if (!kept.add(line)) break;
    }
    deadline.throwIfAborted(data);
    return kept.result();
  } catch (error) {
    throw deadline.reason(data) ?? toEngineError(error, what, data);
  } finally {
    deadline.dispose();
  }
}

/**
 * Follows logs as they are written: an async iterable that ends when the container stops
 * (the engine closes the stream), when `signal` aborts, or when the loop breaks. It never
 * waits forever on a stopped container: the engine ends a follow of one at once.
 * `timeoutMs` bounds only the wait for the engine to answer.
 */
export async function* followLogs(
  docker: Docker,
  container: string,
  options: LogOptions = {},
): AsyncGenerator<LogLine, void, undefined> {
  const ref = assertRef('container', container);
  const query = logQuery(options, true);
  const what = `follow logs of container ${ref}`;
  const data = { resource: 'container', ref, operation: 'container.logs' };
  if (options.signal?.aborted) return;
  const stream = (await engineStream(
    docker,
    { method: 'GET', path: pathOf`/containers/${ref}/logs`, query, what, data },
    options,
  ).catch((error: unknown) => {
    if (options.signal?.aborted) return undefined;
    throw error;
  })) as Readable | undefined;
  if (!stream) return;
  try {
    yield* logLines(stream, {
      timestamps: query.timestamps,
      stopped: () => options.signal?.aborted === true,
      ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
    });
  } catch (error) {
    throw toEngineError(error, what, data);
  }
}
