import { z } from 'zod';
import { pageParams } from '../framework/shape-rows.js';
import { ToolError } from '../framework/tool-error.js';
import { type ActionSpec, action, defineTool, type HostCall } from '../framework/tool-spec.js';
import { containerReadActions } from './containers.js';
import { imageInfo, imageRows } from './images.js';
import { networkInfo, networkRows } from './networks.js';
import { resourceRef } from './refs.js';
import { labelParam } from './resource-rows.js';
import { volumeInfo, volumeRows } from './volumes.js';

const kind = z.enum(['container', 'image', 'volume', 'network']).optional();

function onlyFor(what: string, kindName: string): never {
  throw new ToolError('INVALID', `${what} applies to kind ${kindName} only`);
}

/** Runs a container action with its own schema, so its checks and defaults apply. */
function asContainer(spec: ActionSpec, params: Record<string, unknown>, call: HostCall) {
  return spec.run(spec.params.parse(params), call);
}

/**
 * Reading what an engine holds: containers (the default `kind`), images, volumes and
 * networks. One read tool rather than one per kind: the hints are the same for every
 * action, and each extra tool costs ~300 bytes of tools/list (issue 4 budget).
 */
export const resourcesTool = defineTool({
  name: 'resources',
  title: 'Read Docker objects',
  description: 'Env and logs masked; kind defaults to container.',
  safety: 'read',
  actions: {
    list: action({
      summary: 'containers (oldest first), images (newest first), volumes or networks; `name` contains',
      params: z.object({
        kind,
        running: z.boolean().optional(),
        name: z.string().min(1).max(255).optional(),
        label: labelParam,
        ...pageParams,
      }),
      run: (p, call) => {
        const { kind: k = 'container', running, label, ...rest } = p;
        if (k === 'container') {
          if (label) onlyFor('label', 'image, volume or network');
          return asContainer(containerReadActions.list, { ...rest, running }, call);
        }
        if (running !== undefined) onlyFor('running', 'container');
        const filter = { name: p.name, label };
        if (k === 'image') return imageRows(filter, call);
        return k === 'volume' ? volumeRows(filter, call) : networkRows(filter, call);
      },
    }),
    info: action({
      summary: 'one container, image, volume or network in detail (env values masked)',
      params: z.object({ kind, id: resourceRef('id'), fields: pageParams.fields }),
      run: (p, call) => {
        const { kind: k = 'container', ...rest } = p;
        if (k === 'container') return asContainer(containerReadActions.info, rest, call);
        if (k === 'image') return imageInfo(p.id, call);
        return k === 'volume' ? volumeInfo(p.id, call) : networkInfo(p.id, call);
      },
    }),
    logs: containerReadActions.logs,
    stats: containerReadActions.stats,
    top: containerReadActions.top,
  },
});
