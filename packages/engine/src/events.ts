import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { engineStream } from './engine-request.js';
import { engineFilters, type LabelFilter } from './filters.js';
import { jsonLines } from './json-lines.js';
import { type TimeValue, toUnixSeconds } from './time-arg.js';
import { toEngineError } from './to-engine-error.js';

export interface EngineEvent {
  /** `container`, `image`, `volume`, `network`, `daemon`, ... */
  type: string;
  /** `create`, `start`, `die`, `pull`, ... (exec events read `exec_start: sh`). */
  action: string;
  /** Id or name of the object the event is about. */
  actorId: string;
  attributes: Record<string, string>;
  /** Nanoseconds since the epoch (a double: exact to about a microsecond). */
  timeNano: number;
  scope?: string;
}

export interface EventOptions extends CallOptions {
  since?: TimeValue;
  /** With `until` the stream ends by itself once that time has passed. */
  until?: TimeValue;
  filters?: {
    type?: string | string[];
    event?: string | string[];
    container?: string | string[];
    image?: string | string[];
    label?: LabelFilter;
    network?: string | string[];
    volume?: string | string[];
  };
}

interface RawEvent {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  timeNano?: number;
  scope?: string;
}

/**
 * Engine events as an async iterable. It ends when `until` passes (the engine closes the
 * stream), when `signal` aborts, or when the loop breaks; aborting is the way to stop a
 * stream without `until`. `timeoutMs` bounds only the wait for the engine to answer.
 */
export async function* streamEvents(
  docker: Docker,
  options: EventOptions = {},
): AsyncGenerator<EngineEvent, void, undefined> {
  const f = options.filters ?? {};
  const what = 'stream engine events';
  if (options.signal?.aborted) return;
  const stream = (await engineStream(
    docker,
    {
      method: 'GET',
      path: '/events',
      query: {
        since: toUnixSeconds(options.since, 'since'),
        until: toUnixSeconds(options.until, 'until'),
        filters: engineFilters({
          type: f.type,
          event: f.event,
          container: f.container,
          image: f.image,
          label: f.label,
          network: f.network,
          volume: f.volume,
        }),
      },
      what,
    },
    options satisfies CallOptions,
  ).catch((error: unknown) => {
    if (options.signal?.aborted) return undefined;
    throw error;
  })) as Readable | undefined;
  if (!stream) return;
  try {
    for await (const raw of jsonLines<RawEvent>(stream, {
      stopped: () => options.signal?.aborted === true,
      what,
    })) {
      yield {
        type: raw.Type ?? '',
        action: raw.Action ?? '',
        actorId: raw.Actor?.ID ?? '',
        attributes: raw.Actor?.Attributes ?? {},
        timeNano: raw.timeNano ?? 0,
        ...(raw.scope ? { scope: raw.scope } : {}),
      };
    }
  } catch (error) {
    throw toEngineError(error, what);
  }
}
