import type { CommandSpec } from '../command-spec.js';
import { toolCommand } from '../tool-command.js';

const ids = [
  {
    name: 'container',
    description: 'container names or ids',
    required: true,
    variadic: true,
    completes: 'container' as const,
  },
];
const grace = {
  flags: '-t, --time <seconds>',
  description: 'seconds to wait before SIGKILL (10)',
  type: 'int' as const,
};

/** `start|stop|restart|kill|pause|unpause ID...`: container_ops, one call per container. */
function lifecycle(action: string, summary: string, extra: Partial<Parameters<typeof toolCommand>[0]> = {}) {
  return toolCommand({
    path: [action],
    summary,
    kind: 'change',
    tool: 'container_ops',
    action,
    args: ids,
    columns: ['id', 'state'],
    params: ({ args }) => args.map((id) => ({ id })),
    ...extra,
  });
}

export const LIFECYCLE_COMMANDS: CommandSpec[] = [
  lifecycle('start', 'start stopped containers'),
  lifecycle('stop', 'stop running containers (SIGTERM, then SIGKILL)', {
    options: [grace],
    params: ({ args, options }) =>
      args.map((id) => ({ id, ...(options.time !== undefined ? { grace: options.time } : {}) })),
  }),
  lifecycle('restart', 'restart containers', {
    options: [grace],
    params: ({ args, options }) =>
      args.map((id) => ({ id, ...(options.time !== undefined ? { grace: options.time } : {}) })),
  }),
  lifecycle('kill', 'send a signal to containers (SIGKILL)', {
    options: [{ flags: '-s, --signal <signal>', description: 'signal name or number (SIGKILL)' }],
    params: ({ args, options }) =>
      args.map((id) => ({ id, ...(options.signal !== undefined ? { signal: options.signal } : {}) })),
  }),
  lifecycle('pause', 'freeze the processes of containers'),
  lifecycle('unpause', 'thaw paused containers'),
  toolCommand({
    path: ['rm'],
    summary: 'remove containers (asks first; --yes, --dry-run)',
    kind: 'lose',
    tool: 'remove',
    action: 'remove',
    args: ids,
    options: [
      { flags: '-f, --force', description: 'remove running containers too' },
      { flags: '-v, --volumes', description: 'also remove their anonymous volumes' },
    ],
    params: ({ args, options }) =>
      args.map((id) => ({
        kind: 'container',
        id,
        ...(options.force ? { force: true } : {}),
        ...(options.volumes ? { volumes: true } : {}),
      })),
  }),
];
