import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { type CallOptions, Deadline } from './call-options.js';
import { dial, dialOptions, type RequestSpec } from './engine-request.js';
import { toEngineError } from './to-engine-error.js';

/** Longest answer kept from an upload (the engine's short JSON status lines). */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Sends `body` as the request body, streamed with backpressure (a tar into a container,
 * an image archive into `load`), and returns the engine's answer as text. The deadline
 * covers the whole upload and the answer; when it or the caller's signal fires, the
 * request is destroyed and `body` with it, so the producer upstream stops too.
 */
export async function engineUpload(
  docker: Docker,
  spec: RequestSpec,
  body: Readable,
  options: CallOptions,
  defaultTimeoutMs: number,
): Promise<string> {
  const deadline = new Deadline(options, defaultTimeoutMs, spec.what);
  const stop = () => body.destroy();
  try {
    deadline.throwIfAborted(spec.data);
    deadline.signal.addEventListener('abort', stop, { once: true });
    const sending = (async () => {
      const answer = (await dial(docker, {
        ...dialOptions(spec, deadline.signal),
        file: body,
        isStream: true,
        headers: { 'Content-Type': 'application/x-tar', ...spec.headers },
      })) as IncomingMessage;
      const chunks: Buffer[] = [];
      let kept = 0;
      for await (const chunk of answer) {
        const piece = chunk as Buffer;
        if (kept < MAX_ANSWER_BYTES) chunks.push(piece.subarray(0, MAX_ANSWER_BYTES - kept));
        kept += piece.length;
      }
      return Buffer.concat(chunks).toString('utf8');
    })();
    return await deadline.race(sending, spec.data);
  } catch (error) {
    body.destroy();
    throw deadline.reason(spec.data) ?? toEngineError(error, spec.what, spec.data);
  } finally {
    deadline.signal.removeEventListener('abort', stop);
    deadline.dispose();
  }
}
