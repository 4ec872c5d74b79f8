import { z } from 'zod';
import { pageParams } from '../framework/shape-rows.js';
import { ToolError } from '../framework/tool-error.js';
import { action } from '../framework/tool-spec.js';
import { logsAction } from './container-logs.js';
import {
  containerInfo,
  containerInfoRow,
  containerListRow,
  containerRows,
  containerStates,
  containerStatsOf,
  containerStatsRow,
  containerTop,
  topKey,
  topRow,
} from './containers.js';
import { imageInfo, imageInfoRow, imageListRow, imageRows } from './images.js';
import { networkInfo, networkInfoRow, networkListRow, networkRows } from './networks.js';
import { containerRef, resourceRef } from './refs.js';
import { labelParam, listKey, rowUnion } from './resource-rows.js';
import { volumeInfo, volumeInfoRow, volumeListRow, volumeRows } from './volumes.js';

const kind = z.enum(['container', 'image', 'volume', 'network']).optional();
const byId = z.object({ id: containerRef });

/**
 * Reading what an engine holds: containers (the default `kind`), images, volumes and
 * networks. One read tool rather than one per kind: the hints are the same for every
 * action, and each extra tool costs ~300 bytes of every tools/list.
 */
export const resourceActions = {
  list: action({
    summary: '`kind`, newest first; filter `name`, `label`, containers by `state`',
    effect: 'read',
    params: z.object({
      kind,
      state: containerStates
        .optional()
        .describe('running includes paused; stopped: created, exited, dead; default all'),
      name: z.string().min(1).max(255).optional().describe('Contains (image: a tag)'),
      label: labelParam.describe('key or key=value, all must match'),
      ...pageParams,
    }),
    rows: rowUnion(containerListRow, imageListRow, volumeListRow, networkListRow),
    key: listKey,
    run: (p, call) => {
      const { kind: k = 'container', state, name, label } = p;
      if (k === 'container') return containerRows({ name, label, state }, call);
      if (state !== undefined && state !== 'all') {
        throw new ToolError('INVALID', `state applies to kind container only, not ${k}`);
      }
      if (k === 'image') return imageRows({ name, label }, call);
      return k === 'volume' ? volumeRows({ name, label }, call) : networkRows({ name, label }, call);
    },
  }),
  info: action({
    summary: 'one `kind` by `id` (name or id): config, state, mounts, env',
    effect: 'read',
    params: z.object({ kind, id: resourceRef('id'), fields: pageParams.fields }),
    rows: rowUnion(containerInfoRow, imageInfoRow, volumeInfoRow, networkInfoRow),
    run: (p, call) => {
      const { kind: k = 'container', id } = p;
      if (k === 'container') return containerInfo(id, call);
      if (k === 'image') return imageInfo(id, call);
      return k === 'volume' ? volumeInfo(id, call) : networkInfo(id, call);
    },
  }),
  logs: logsAction,
  stats: action({
    summary: 'container `id`: CPU %, memory, net and block I/O, pids',
    effect: 'read',
    params: byId,
    rows: containerStatsRow,
    run: (p, call) => containerStatsOf(p.id, call),
  }),
  top: action({
    summary: 'processes of running container `id`',
    effect: 'read',
    params: z.object({ id: containerRef, ...pageParams }),
    rows: topRow,
    key: topKey,
    run: (p, call) => containerTop(p.id, call),
  }),
};
