import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { type CallOptions, DEFAULT_TIMEOUT_MS, Deadline } from './call-options.js';
import { engineStream, pathOf } from './engine-request.js';
import { assertCount, assertRef } from './input-guards.js';
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
}

export interface ContainerLogs {
  lines: LogLine[];
  /** True when output passed `maxBytes` and later lines were dropped. */
  truncated: boolean;
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
  options: LogOptions & { maxBytes?: number } = {},
): Promise<ContainerLogs> {
  const ref = assertRef('container', container);
  const query = logQuery(options, false);
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const what = `read logs of container ${ref}`;
  const data = { resource: 'container', ref, operation: 'container.logs' };
  const deadline = new Deadline(options, DEFAULT_TIMEOUT_MS, what);
  const stream = (await engineStream(
    docker,
    { method: 'GET', path: pathOf`/containers/${ref}/logs`, query, what, data },
    { signal: deadline.signal, timeoutMs: deadline.timeoutMs },
  )) as Readable;
  const lines: LogLine[] = [];
  let bytes = 0;
  let truncated = false;
  try {
    for await (const line of logLines(stream, {
      timestamps: query.timestamps,
      stopped: () => deadline.aborted,
    })) {
      bytes += Buffer.byteLength(line.text) + 1;
      if (bytes > maxBytes) {
        truncated = true;
        break;
      }
      lines.push(line);
    }
  } catch (error) {
    throw deadline.reason(data) ?? toEngineError(error, what, data);
  }
  deadline.throwIfAborted(data);
  return { lines, truncated };
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
    });
  } catch (error) {
    throw toEngineError(error, what, data);
  }
}
