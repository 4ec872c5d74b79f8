import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { type CallOptions, Deadline } from './call-options.js';
import type { EngineErrorData } from './engine-error.js';
import { toEngineError } from './to-engine-error.js';

export type QueryValue = string | number | boolean | Record<string, unknown> | undefined;

/** One engine API call, described without dockerode's per-method quirks. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  /** Path with every caller-given part already escaped by `pathOf`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Extra HTTP statuses that count as success (e.g. 304 "already started"). */
  okStatuses?: number[];
  /** What is being done, for messages: "start container web". */
  what: string;
  /** Resource details copied into errors. */
  data?: EngineErrorData;
  /** Headers such as X-Registry-Auth. */
  headers?: Record<string, string>;
  /**
   * The engine serves this request one at a time and refuses another meanwhile, from any
   * client, with an error that matches this (disk usage, prunes): such a refusal is sent
   * again every 250 ms within the same deadline instead of failing the call.
   */
  refusedWhileBusy?: RegExp;
}

/** How soon a request the engine refused as busy is sent again. */
const BUSY_RETRY_MS = 250;

/** The dial options of docker-modem (its types lag behind what it accepts). */
export interface DialOptions {
  path: string;
  method: string;
  options: { _query: Record<string, unknown>; _body: unknown };
  statusCodes: Record<number, true>;
  abortSignal: AbortSignal;
  isStream?: boolean;
  hijack?: boolean;
  openStdin?: boolean;
  headers?: Record<string, string>;
  /** A request body streamed with backpressure (uploads). */
  file?: NodeJS.ReadableStream;
}
type Dial = (options: DialOptions, callback: (error: unknown, result: unknown) => void) => void;

/** Escapes each caller-given path part, so an id like `../x` cannot change the route. */
export function pathOf(strings: TemplateStringsArray, ...parts: string[]): string {
  return strings.reduce(
    (out, s, i) => out + s + (i < parts.length ? encodeURIComponent(parts[i] ?? '') : ''),
    '',
  );
}

export function dialOptions(spec: RequestSpec, signal: AbortSignal): DialOptions {
  const query = Object.fromEntries(Object.entries(spec.query ?? {}).filter(([, v]) => v !== undefined));
  const statusCodes: Record<number, true> = { 200: true, 201: true, 204: true };
  for (const status of spec.okStatuses ?? []) statusCodes[status] = true;
  return {
    // The trailing `?` makes docker-modem append the query string.
    path: `${spec.path}?`,
    method: spec.method,
    // `_body: {}` keeps docker-modem from sending `{_query: ...}` as a POST body.
    options: { _query: query, _body: spec.body ?? {} },
    statusCodes,
    abortSignal: signal,
    ...(spec.headers ? { headers: spec.headers } : {}),
  };
}

export function dial(docker: Docker, options: DialOptions): Promise<unknown> {
  const modem = docker.modem as unknown as { dial: Dial };
  return new Promise((resolve, reject) => {
    modem.dial(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Sends one request and returns the parsed JSON answer (or the raw buffer). */
export async function engineRequest<T>(
  docker: Docker,
  spec: RequestSpec,
  options: CallOptions = {},
  defaultTimeoutMs?: number,
): Promise<T> {
  const deadline = new Deadline(options, defaultTimeoutMs ?? 30_000, spec.what);
  const started = Date.now();
  try {
    for (;;) {
      deadline.throwIfAborted(spec.data);
      try {
        // Raced, not only signalled: a transport still opening its channel (an SSH host that
        // stopped answering) hears the abort only when the channel fails, minutes later.
        return (await deadline.race(dial(docker, dialOptions(spec, deadline.signal)), spec.data)) as T;
      } catch (error) {
        const failure = deadline.reason(spec.data) ?? toEngineError(error, spec.what, spec.data);
        // Busy to the end: the refusal says more than a timeout would.
        const busy = spec.refusedWhileBusy?.test(failure.message) === true;
        if (!busy || Date.now() - started + BUSY_RETRY_MS >= deadline.timeoutMs) throw failure;
      }
      await sleep(BUSY_RETRY_MS, undefined, { signal: deadline.signal }).catch(() => undefined);
    }
  } finally {
    deadline.dispose();
  }
}

/**
 * Opens a streaming request (logs, events, pull, exec). The deadline covers only the
 * wait for the answer's headers; after that the stream lives until it ends or the
 * caller's signal fires, which destroys it (so a reader never waits forever).
 */
export async function engineStream(
  docker: Docker,
  spec: RequestSpec & { hijack?: boolean },
  options: CallOptions = {},
  defaultTimeoutMs?: number,
): Promise<IncomingMessage | Duplex> {
  const deadline = new Deadline(options, defaultTimeoutMs ?? 30_000, spec.what);
  deadline.throwIfAborted(spec.data);
  // docker-modem ties the request to the signal; a detached signal lets the deadline stop
  // at the headers without cutting the stream later.
  const requestSignal = new AbortController();
  const onAbort = () => requestSignal.abort(deadline.signal.reason);
  deadline.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const opening = dial(docker, {
      ...dialOptions(spec, requestSignal.signal),
      isStream: true,
      ...(spec.hijack ? { hijack: true } : {}),
    }) as Promise<IncomingMessage | Duplex>;
    // A stream that opens after its deadline is nobody's: close it.
    opening.then(
      (late) => deadline.aborted && late.destroy(),
      () => {},
    );
    const stream = await deadline.race(opening, spec.data);
    deadline.signal.removeEventListener('abort', onAbort);
    const caller = options.signal;
    if (caller) {
      const destroy = () => stream.destroy();
      if (caller.aborted) destroy();
      caller.addEventListener('abort', destroy, { once: true });
      stream.once('close', () => caller.removeEventListener('abort', destroy));
    }
    return stream;
  } catch (error) {
    deadline.signal.removeEventListener('abort', onAbort);
    throw deadline.reason(spec.data) ?? toEngineError(error, spec.what, spec.data);
  } finally {
    deadline.dispose();
  }
}
