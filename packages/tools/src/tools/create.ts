import type { HostEngine } from '@berth/engine';
import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import { errorLine } from '../framework/error-message.js';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import { action } from '../framework/tool-spec.js';
import { containerRunActions } from './container-run.js';
import { createdLabels, createdRow } from './created-label.js';
import { pullAction } from './image-pull.js';
import { imageRef, resourceRef, stringMap, withTag } from './refs.js';
import { withSuggestions } from './resource-kind.js';

const name = resourceRef('name').optional();
const labels = stringMap.optional();
const container = resourceRef('container');
const network = resourceRef('network');

/** The engine says "not found" for either; name whichever of the two is missing. */
async function withNetworkAndContainer(
  call: HostCall,
  p: { network: string; container: string },
  run: (engine: HostEngine) => Promise<void>,
): Promise<void> {
  const engine = await call.engine();
  try {
    await run(engine);
  } catch (error) {
    if (errorLine(error).code !== 'NOT_FOUND') throw error;
    await withSuggestions('network', p.network, call, (e) => e.networks.inspect(p.network));
    await withSuggestions('container', p.container, call, () => Promise.reject(error));
  }
}

/** The image `ref` names now, or undefined when it names none. */
async function imageIdOf(engine: HostEngine, ref: string): Promise<string | undefined> {
  try {
    return (await engine.images.inspect(ref)).Id;
  } catch (error) {
    if (errorLine(error).code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Only additive changes: nothing running is stopped, nothing is removed or renamed away
 * (so destructiveHint is false). Not idempotent as a whole: each run makes another
 * container. Everything berth creates carries the `berth.created` label.
 */
export const createTool = defineTool({
  name: 'create',
  title: 'Create and start',
  intro: 'Only adds (labelled berth.created); never stops or removes.',
  toolset: 'docker',
  actions: {
    ...containerRunActions,
    pull: pullAction,
    volume: action({
      summary: 'new volume (`name` optional)',
      effect: 'add',
      params: z.object({ name, labels }),
      rows: createdRow,
      target: (p) => p.name ?? '(generated)',
      run: async (p, call) => {
        const engine = await call.engine();
        const v = await engine.volumes.create({
          ...(p.name ? { name: p.name } : {}),
          labels: createdLabels(p.labels),
        });
        return { name: v.name };
      },
    }),
    network: action({
      summary: 'new bridge network `name`',
      effect: 'add',
      params: z.object({ name: resourceRef('name'), labels }),
      rows: createdRow,
      target: (p) => p.name,
      run: async (p, call) => {
        const engine = await call.engine();
        const created = await engine.networks.create({ name: p.name, labels: createdLabels(p.labels) });
        return {
          name: p.name,
          id: created.id.slice(0, 12),
          ...(created.warning ? { note: created.warning } : {}),
        };
      },
    }),
    connect: action({
      summary: 'attach `container` to `network` (undo: container_ops disconnect)',
      effect: 'add',
      idempotent: true,
      params: z.object({ container, network }),
      rows: createdRow,
      target: (p) => `${p.container} -> ${p.network}`,
      run: async (p, call) => {
        await withNetworkAndContainer(call, p, (e) => e.networks.connect(p.network, p.container));
        return { name: p.container, network: p.network };
      },
    }),
    tag: action({
      summary: 'add tag `name` to `image`; refused if it names another image',
      effect: 'add',
      idempotent: true,
      params: z.object({ image: imageRef, name: resourceRef('name') }),
      rows: createdRow,
      target: (p) => `${p.image} -> ${p.name}`,
      run: async (p, call) => {
        const id = await withSuggestions(
          'image',
          p.image,
          call,
          async (e) => (await e.images.inspect(p.image)).Id,
        );
        const engine = await call.engine();
        const tag = withTag(p.name);
        const taken = await imageIdOf(engine, tag);
        // Moving a tag untags the image it named: that loses a name, which `create` never does.
        if (taken !== undefined && taken !== id) {
          throw new ToolError(
            'CONFLICT',
            `${call.host.name}: ${tag} already names image ${short(taken)}; moving it would untag that image. Remove that tag first (remove, kind image, id ${tag}) or pick another tag`,
            { host: call.host.name, ref: tag },
          );
        }
        if (taken === undefined) await engine.images.tag(id, tag);
        return { id: short(id), name: tag };
      },
    }),
  },
});

function short(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
