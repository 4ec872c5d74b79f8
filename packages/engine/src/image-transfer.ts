import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { DEFAULT_TRANSFER_TIMEOUT_MS } from './archive.js';
import type { CallOptions } from './call-options.js';
import { EngineError } from './engine-error.js';
import { engineStream, pathOf } from './engine-request.js';
import { engineUpload } from './engine-upload.js';
import { assertImageRef } from './input-guards.js';

/**
 * `GET /images/{name}/get` (`docker save`): the image as a tar stream, with its tags. The
 * deadline covers the wait for the answer; the stream then runs until it ends or the
 * caller's signal destroys it.
 */
export async function saveImage(docker: Docker, image: string, options: CallOptions = {}): Promise<Readable> {
  const ref = assertImageRef(image);
  const what = `save image ${ref}`;
  const data = { resource: 'image', ref, operation: 'image.save' };
  return (await engineStream(
    docker,
    { method: 'GET', path: pathOf`/images/${ref}/get`, what, data },
    options,
  )) as Readable;
}

export interface LoadedImages {
  /** What the engine reported loading: `name:tag` references, or image ids for untagged ones. */
  loaded: string[];
}

/**
 * `POST /images/load` (`docker load`): reads an image archive from `body`, streamed. The
 * engine answers 200 before it has read the archive and reports a broken one inside the
 * answer; such a message becomes an EngineError, so a failed load never looks loaded.
 * The deadline (default 30 min) covers the whole upload.
 */
export async function loadImages(
  docker: Docker,
  body: Readable,
  options: CallOptions = {},
): Promise<LoadedImages> {
  const what = 'load images';
  const data = { resource: 'image', operation: 'image.load' };
  const answer = await engineUpload(
    docker,
    { method: 'POST', path: '/images/load', query: { quiet: true }, what, data },
    body,
    options,
    DEFAULT_TRANSFER_TIMEOUT_MS,
  );
  const loaded: string[] = [];
  for (const line of answer.split('\n')) {
    if (line.trim() === '') continue;
    let message: { stream?: string; error?: string; errorDetail?: { message?: string } };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      throw new EngineError('ENGINE', `${what}: the engine answered ${line.slice(0, 200)}`, data);
    }
    const failure = message.errorDetail?.message ?? message.error;
    if (failure) throw new EngineError('ENGINE', `${what}: ${failure}`, data);
    const found = /Loaded image(?: ID)?: (\S+)/.exec(message.stream ?? '');
    if (found?.[1]) loaded.push(found[1]);
  }
  return { loaded };
}
