import type { HostEngine } from '@berth/engine';
import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import { action } from '../framework/tool-spec.js';
import { execAction } from './container-exec.js';
import { containerRef, resourceRef } from './refs.js';
import { withSuggestions } from './resource-kind.js';

const byId = z.object({ id: containerRef });
const grace = z
  .number()
  .int()
  .min(0)
  .max(600)
  .optional()
  .describe('Seconds between SIGTERM and SIGKILL (default 10)');
const withGrace = z.object({ id: containerRef, grace });
const stateRow = z.object({ id: z.string(), state: z.string(), grace: z.number().optional() });

type Op = (engine: HostEngine, id: string) => Promise<void>;

/** One lifecycle action on container `id`, naming close containers when the name is wrong. */
function lifecycle(summary: string, op: Op, state: string) {
  return action({
    summary,
    effect: 'change',
    params: byId,
    rows: stateRow,
    target: (p) => p.id,
    run: async (p, call) => {
      await withSuggestions('container', p.id, call, (e) => op(e, p.id));
      return { id: p.id, state };
    },
  });
}

/**
 * Changes running containers without removing anything: not additive (a stop ends what
 * runs, exec runs any command), so destructiveHint is true, but nothing is lost for good
 * and no confirmation is asked. Not idempotent: restart, kill and exec act again.
 */
export const containerOpsTool = defineTool({
  name: 'container_ops',
  title: 'Change containers',
  intro: 'Acts on container `id`; removes nothing.',
  toolset: 'docker',
  actions: {
    start: lifecycle('start', (e, id) => e.containers.start(id), 'running'),
    stop: action({
      summary: 'SIGTERM, SIGKILL after `grace` s',
      effect: 'change',
      idempotent: true,
      params: withGrace,
      rows: stateRow,
      target: (p) => p.id,
      run: async (p, call) => {
        const t = p.grace === undefined ? {} : { timeoutSeconds: p.grace };
        await withSuggestions('container', p.id, call, (e) => e.containers.stop(p.id, t));
        return { id: p.id, state: 'exited', ...(p.grace === undefined ? {} : { grace: p.grace }) };
      },
    }),
    restart: action({
      summary: 'stop (`grace` as for stop), then start',
      effect: 'change',
      params: withGrace,
      rows: stateRow,
      target: (p) => p.id,
      run: async (p, call) => {
        const t = p.grace === undefined ? {} : { timeoutSeconds: p.grace };
        await withSuggestions('container', p.id, call, (e) => e.containers.restart(p.id, t));
        return { id: p.id, state: 'running', ...(p.grace === undefined ? {} : { grace: p.grace }) };
      },
    }),
    pause: lifecycle('freeze', (e, id) => e.containers.pause(id), 'paused'),
    unpause: lifecycle('thaw', (e, id) => e.containers.unpause(id), 'running'),
    kill: action({
      summary: 'send `signal` (SIGKILL)',
      effect: 'change',
      params: z.object({
        id: containerRef,
        signal: z
          .string()
          .regex(/^(SIG)?[A-Z0-9]{1,12}$|^\d{1,2}$/, 'signal: a name like SIGHUP, or a number')
          .optional(),
      }),
      rows: stateRow,
      target: (p) => p.id,
      run: async (p, call) => {
        const s = p.signal === undefined ? {} : { killSignal: p.signal };
        await withSuggestions('container', p.id, call, (e) => e.containers.kill(p.id, s));
        return { id: p.id, state: `sent ${p.signal ?? 'SIGKILL'}` };
      },
    }),
    exec: execAction,
    disconnect: action({
      summary: 'leave `network`',
      effect: 'change',
      params: z.object({ id: containerRef, network: resourceRef('network') }),
      rows: stateRow,
      target: (p) => `${p.id} -x ${p.network}`,
      run: async (p, call) => {
        await withSuggestions('network', p.network, call, (e) => e.networks.inspect(p.network));
        await withSuggestions('container', p.id, call, (e) => e.networks.disconnect(p.network, p.id));
        return { id: p.id, state: `left ${p.network}` };
      },
    }),
  },
});
