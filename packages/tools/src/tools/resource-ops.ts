import {
  connectNetwork,
  createNetwork,
  createVolume,
  disconnectNetwork,
  inspectNetwork,
  tagImage,
} from '@berth/engine';
import type Docker from 'dockerode';
import { z } from 'zod';
import { errorLine } from '../framework/error-message.js';
import { action, defineTool } from '../framework/tool-spec.js';
import { createdLabels } from './created-label.js';
import { withContainerSuggestions } from './not-found.js';
import { resourceRef } from './refs.js';
import { withSuggestions } from './resource-kind.js';

const labels = z
  .record(
    z
      .string()
      .min(1)
      .max(255)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.\-/]*$/, 'label keys: letters, digits, "_.-/"'),
    z.string().max(4096),
  )
  .refine((r) => Object.keys(r).length <= 32, 'at most 32 labels')
  .optional();
const container = resourceRef('container');
const network = resourceRef('network');

/**
 * Adds things and links them; removes nothing (removal is the `remove` tool). Not
 * idempotent: `create_volume` without a name makes a new volume every time.
 */
export const resourceOpsTool = defineTool({
  name: 'resource_ops',
  title: 'Tag, create, connect',
  description: 'Labels new ones berth.created.',
  safety: 'write',
  actions: {
    tag: action({
      summary: 'give `image` another name `tag` (repo[:tag])',
      params: z.object({ image: resourceRef('image'), tag: resourceRef('tag') }),
      target: (p) => `${p.image} -> ${p.tag}`,
      run: async (p, call) => {
        const docker = await call.docker();
        await withSuggestions('image', p.image, docker, call.host.name, call.signal, () =>
          tagImage(docker, p.image, p.tag, { signal: call.signal }),
        );
        return { image: p.image, tag: p.tag };
      },
    }),
    create_volume: action({
      summary: 'create a volume (`name` optional: the engine picks one)',
      params: z.object({ name: resourceRef('name').optional(), labels }),
      target: (p) => p.name ?? '(generated)',
      run: async (p, call) => {
        const docker = await call.docker();
        const v = await createVolume(
          docker,
          { ...(p.name ? { name: p.name } : {}), labels: createdLabels(p.labels) },
          { signal: call.signal },
        );
        return { name: v.name, driver: v.driver };
      },
    }),
    create_network: action({
      summary: 'create a bridge network `name`',
      params: z.object({ name: resourceRef('name'), labels }),
      target: (p) => p.name,
      run: async (p, call) => {
        const docker = await call.docker();
        const created = await createNetwork(
          docker,
          { name: p.name, labels: createdLabels(p.labels) },
          { signal: call.signal },
        );
        return { name: p.name, id: created.id.slice(0, 12), warning: created.warning };
      },
    }),
    connect: action({
      summary: 'attach `container` to `network`',
      params: z.object({ container, network }),
      target: (p) => `${p.container} -> ${p.network}`,
      run: async (p, call) => {
        const docker = await call.docker();
        await withNetworkAndContainer(p.network, p.container, call.host.name, call.signal, docker, () =>
          connectNetwork(docker, p.network, p.container, { signal: call.signal }),
        );
        return { container: p.container, network: p.network, connected: true };
      },
    }),
    disconnect: action({
      summary: 'detach `container` from `network`',
      params: z.object({ container, network }),
      target: (p) => `${p.container} -x ${p.network}`,
      run: async (p, call) => {
        const docker = await call.docker();
        await withNetworkAndContainer(p.network, p.container, call.host.name, call.signal, docker, () =>
          disconnectNetwork(docker, p.network, p.container, { signal: call.signal }),
        );
        return { container: p.container, network: p.network, connected: false };
      },
    }),
  },
});

/** The engine says "not found" for either; name whichever of the two is missing. */
async function withNetworkAndContainer(
  networkRef: string,
  containerRef: string,
  host: string,
  signal: AbortSignal,
  docker: Docker,
  run: () => Promise<void>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (errorLine(error).code !== 'NOT_FOUND') throw error;
    await withSuggestions('network', networkRef, docker, host, signal, () =>
      inspectNetwork(docker, networkRef, { signal }),
    );
    await withContainerSuggestions(docker, host, containerRef, signal, () => Promise.reject(error));
  }
}
