import {
  killContainer,
  pauseContainer,
  restartContainer,
  startContainer,
  stopContainer,
  unpauseContainer,
} from '@berth/engine';
import type Docker from 'dockerode';
import { z } from 'zod';
import { action, defineTool, type HostCall } from '../framework/tool-spec.js';
import { containerExecActions } from './container-exec.js';
import { containerRunActions } from './container-run.js';
import { withContainerSuggestions } from './not-found.js';
import { containerRef } from './refs.js';

const grace = z.number().int().min(0).max(600).optional().describe('Grace seconds');

type Op = (docker: Docker, ref: string, call: HostCall) => Promise<void>;

/** One lifecycle action: run it, naming close containers when the name is wrong. */
function lifecycle(summary: string, params: z.ZodObject<{ id: typeof containerRef }>, op: Op, state: string) {
  return action({
    summary,
    params,
    target: (p) => p.id,
    run: async (p, call) => {
      const docker = await call.docker();
      await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () => op(docker, p.id, call));
      return { id: p.id, host: call.host.name, state };
    },
  });
}

const byId = z.object({ id: containerRef });

/**
 * Everything that changes containers without removing them: lifecycle, run/create, exec.
 * One safety class (write, not destructive: nothing is removed; not idempotent: run,
 * restart, kill and exec act again when repeated; no open world: no pulls), so one tool.
 */
export const containerOpsTool = defineTool({
  name: 'container_ops',
  title: 'Change containers',
  description: 'Removes nothing. run: local image; exec: argv, no shell.',
  safety: 'write',
  actions: {
    ...containerRunActions,
    ...containerExecActions,
    start: lifecycle(
      'start a container',
      byId,
      (d, id, c) => startContainer(d, id, { signal: c.signal }),
      'running',
    ),
    stop: action({
      summary: 'stop (SIGTERM, then SIGKILL after `timeout` s)',
      params: z.object({ id: containerRef, timeout: grace }),
      target: (p) => p.id,
      run: async (p, call) => {
        const docker = await call.docker();
        await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () =>
          stopContainer(docker, p.id, { signal: call.signal, timeoutSeconds: p.timeout }),
        );
        return { id: p.id, host: call.host.name, state: 'exited' };
      },
    }),
    restart: action({
      summary: 'restart (stop as above, then start)',
      params: z.object({ id: containerRef, timeout: grace }),
      target: (p) => p.id,
      run: async (p, call) => {
        const docker = await call.docker();
        await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () =>
          restartContainer(docker, p.id, { signal: call.signal, timeoutSeconds: p.timeout }),
        );
        return { id: p.id, host: call.host.name, state: 'running' };
      },
    }),
    pause: lifecycle(
      'freeze its processes',
      byId,
      (d, id, c) => pauseContainer(d, id, { signal: c.signal }),
      'paused',
    ),
    unpause: lifecycle(
      'resume',
      byId,
      (d, id, c) => unpauseContainer(d, id, { signal: c.signal }),
      'running',
    ),
    kill: action({
      summary: 'send a signal (default SIGKILL)',
      params: z.object({
        id: containerRef,
        signal: z
          .string()
          .regex(/^(SIG)?[A-Z0-9]{1,12}$|^\d{1,2}$/, 'signal: a name like SIGHUP, or a number')
          .optional(),
      }),
      target: (p) => p.id,
      run: async (p, call) => {
        const docker = await call.docker();
        await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () =>
          killContainer(docker, p.id, { signal: call.signal, ...(p.signal ? { killSignal: p.signal } : {}) }),
        );
        return { id: p.id, host: call.host.name, signal: p.signal ?? 'SIGKILL' };
      },
    }),
  },
});
