import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { type CallOptions, Deadline } from './call-options.js';
import { EngineError, type EngineErrorCode } from './engine-error.js';
import { engineStream } from './engine-request.js';
import { splitImageRef } from './image-ref.js';
import { assertImageRef } from './input-guards.js';
import { jsonLines } from './json-lines.js';
import { toEngineError } from './to-engine-error.js';

/** One progress message of a pull, as the engine sends it. */
export interface PullProgress {
  status?: string;
  /** Layer id, when the message is about one layer. */
  id?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
}

export interface PullOptions extends CallOptions {
  /** Called for every progress message (layer downloads, extraction, digest). */
  onProgress?: (event: PullProgress) => void;
  /** `os/arch[/variant]` to pull for, e.g. `linux/amd64`. */
  platform?: string;
  /** Registry credentials, sent as X-Registry-Auth (never in the URL or logs). */
  auth?: { username: string; password: string; serveraddress?: string };
}

export interface PullResult {
  ref: string;
  /** Digest the engine reported, when it did. */
  digest?: string;
  /** The last status line, e.g. "Downloaded newer image for ..." or "Image is up to date ...". */
  status: string;
}

export const DEFAULT_PULL_TIMEOUT_MS = 10 * 60_000;

function classify(message: string): EngineErrorCode {
  if (/not found|manifest unknown|does not exist/i.test(message)) return 'NOT_FOUND';
  if (/unauthorized|denied|authentication required|forbidden/i.test(message)) return 'DENIED';
  if (/connection refused|no such host|i\/o timeout|network is unreachable/i.test(message))
    return 'UNREACHABLE';
  return 'ENGINE';
}

/**
 * Pulls an image, reporting progress. The engine answers 200 before it knows whether the
 * pull will work and reports failures inside the progress stream; such a message becomes
 * an EngineError here, so a failed pull never looks like a success. The deadline (default
 * 10 minutes) covers the whole pull; aborting closes the stream and the engine stops.
 */
export async function pullImage(
  docker: Docker,
  image: string,
  options: PullOptions = {},
): Promise<PullResult> {
  const ref = assertImageRef(image);
  if (options.platform !== undefined && !/^[a-z0-9_]+\/[a-z0-9_]+(\/[a-z0-9_]+)?$/.test(options.platform)) {
    throw new EngineError('INVALID', `platform "${options.platform}" is not os/arch[/variant]`, {
      field: 'platform',
    });
  }
  const { repository, tag, digest } = splitImageRef(ref);
  const what = `pull image ${ref}`;
  const data = { resource: 'image', ref, operation: 'image.pull' };
  const deadline = new Deadline(options, DEFAULT_PULL_TIMEOUT_MS, what);
  const headers = options.auth
    ? { 'X-Registry-Auth': Buffer.from(JSON.stringify(options.auth)).toString('base64url') }
    : undefined;
  try {
    const stream = (await engineStream(
      docker,
      {
        method: 'POST',
        path: '/images/create',
        query: {
          fromImage: digest ? ref : repository,
          tag: digest ? undefined : tag,
          platform: options.platform,
        },
        ...(headers ? { headers } : {}),
        what,
        data,
      },
      { signal: deadline.signal, timeoutMs: deadline.timeoutMs },
    ).catch((error: unknown) => {
      // The engine answers 404 or 500 up front for some failures; its words say which.
      if (error instanceof EngineError && error.code === 'ENGINE') {
        throw new EngineError(classify(error.message), error.message, error.data, { cause: error });
      }
      throw error;
    })) as Readable;
    let status = '';
    let pulledDigest: string | undefined;
    for await (const event of jsonLines<PullProgress>(stream, { stopped: () => deadline.aborted, what })) {
      const failure = event.errorDetail?.message ?? event.error;
      if (failure) throw new EngineError(classify(failure), `${what}: ${failure}`, data);
      if (event.status) {
        const found = /Digest: (sha256:[0-9a-f]{64})/.exec(event.status);
        if (found) pulledDigest = found[1];
        else status = event.status;
      }
      options.onProgress?.(event);
    }
    deadline.throwIfAborted(data);
    return { ref, ...(pulledDigest ? { digest: pulledDigest } : {}), status };
  } catch (error) {
    throw deadline.reason(data) ?? toEngineError(error, what, data);
  } finally {
    deadline.dispose();
  }
}
