import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { engineStream, pathOf } from './engine-request.js';
import { assertRef } from './input-guards.js';

/**
 * Attaches to a container's stdin, stdout and stderr over the engine API (`POST
 * /containers/{id}/attach`, upgraded to a raw stream), the way `docker run -i` does
 * without a CLI. Attach before start so no early output is lost. Without a TTY the
 * output is multiplexed: read it through FrameDemuxer. Writing to the stream feeds
 * stdin; ending it closes stdin when the container was created with `stdinOnce`.
 * The deadline covers the wait for the upgrade; after that the stream lives until the
 * container exits or `options.signal` fires.
 */
export async function attachContainer(
  docker: Docker,
  container: string,
  options: CallOptions = {},
): Promise<Duplex> {
  const ref = assertRef('container', container);
  const stream = await engineStream(
    docker,
    {
      method: 'POST',
      path: pathOf`/containers/${ref}/attach`,
      query: { stream: true, stdin: true, stdout: true, stderr: true },
      hijack: true,
      what: `attach to container ${ref}`,
      data: { resource: 'container', ref, operation: 'container.attach' },
    },
    options,
  );
  return stream as Duplex;
}
