import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { engineStream, pathOf } from './engine-request.js';
import { engineUpload } from './engine-upload.js';
import { assertAbsolutePath, assertRef } from './input-guards.js';

/**
 * Default deadline of a whole upload (a tar into a container, an image into `load`):
 * its length grows with the data, so it is far longer than an ordinary call.
 */
export const DEFAULT_TRANSFER_TIMEOUT_MS = 30 * 60_000;

export interface PutArchiveOptions extends CallOptions {
  /** Refuse to replace a directory by a non-directory or the reverse (default true, as `docker cp`). */
  noOverwriteDirNonDir?: boolean;
}

/**
 * `GET /containers/{id}/archive`: a tar stream of `path` in the container (the entry names
 * start with the path's base name). Works on a created, never started container, whose
 * volumes and binds the engine mounts for the read. The deadline covers the wait for the
 * answer; after that the stream runs until it ends or the caller's signal destroys it.
 */
export async function getArchive(
  docker: Docker,
  container: string,
  path: string,
  options: CallOptions = {},
): Promise<Readable> {
  const ref = assertRef('container', container);
  const inside = assertAbsolutePath(path, 'path');
  const what = `read ${inside} from container ${ref}`;
  const data = { resource: 'container', ref, operation: 'container.archive', path: inside };
  return (await engineStream(
    docker,
    { method: 'GET', path: pathOf`/containers/${ref}/archive`, query: { path: inside }, what, data },
    options,
  )) as Readable;
}

/**
 * `PUT /containers/{id}/archive`: extracts the tar `body` into directory `path` of the
 * container, streamed. The deadline (default 30 min) covers the whole upload; a failure
 * or an abort destroys `body`.
 */
export async function putArchive(
  docker: Docker,
  container: string,
  path: string,
  body: Readable,
  options: PutArchiveOptions = {},
): Promise<void> {
  const ref = assertRef('container', container);
  const inside = assertAbsolutePath(path, 'path');
  const what = `write into ${inside} of container ${ref}`;
  const data = { resource: 'container', ref, operation: 'container.putArchive', path: inside };
  const query = { path: inside, noOverwriteDirNonDir: options.noOverwriteDirNonDir ?? true };
  await engineUpload(
    docker,
    { method: 'PUT', path: pathOf`/containers/${ref}/archive`, query, what, data },
    body,
    options,
    DEFAULT_TRANSFER_TIMEOUT_MS,
  );
}
