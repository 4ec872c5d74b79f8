import type { CommandSpec } from '../command-spec.js';
import { toolCommand } from '../tool-command.js';
import { execCommand } from './exec-command.js';
import { logsCommand } from './logs-command.js';
import { listFilters } from './option-values.js';
import { runCommand } from './run-command.js';
import { statsCommand } from './stats-command.js';

const KINDS = ['container', 'image', 'volume', 'network'];

/** Reading and running containers: ps, inspect, logs, stats, top, run, exec. */
export const CONTAINER_COMMANDS: CommandSpec[] = [
  toolCommand({
    path: ['ps'],
    summary: 'list containers (running; -a: all)',
    kind: 'read',
    tool: 'read',
    action: 'list',
    pages: true,
    options: [
      { flags: '-a, --all', description: 'stopped containers too' },
      { flags: '--filter <name=x|label=k=v...>', description: 'name contains x; label k (=v)' },
    ],
    columns: ['host', 'name', 'id', 'image', 'status', 'ports'],
    examples: ['berth ps', 'berth ps -a --host "*"', 'berth ps --json --filter label=app=web'],
    params: ({ options }) => ({
      kind: 'container',
      state: options.all ? 'all' : 'running',
      ...listFilters(options.filter),
    }),
  }),
  toolCommand({
    path: ['inspect'],
    summary: 'details of a container, image, volume or network (env masked)',
    kind: 'read',
    tool: 'read',
    action: 'info',
    view: 'json',
    args: [
      { name: 'name', description: 'name or id', required: true, variadic: true, completes: 'container' },
    ],
    options: [{ flags: '--type <kind>', description: KINDS.join('|'), default: 'container' }],
    params: ({ args, options }) => args.map((id) => ({ kind: options.type, id })),
  }),
  logsCommand,
  statsCommand,
  toolCommand({
    path: ['top'],
    summary: 'processes of a running container',
    kind: 'read',
    tool: 'read',
    action: 'top',
    pages: true,
    args: [{ name: 'container', description: 'name or id', required: true, completes: 'container' }],
    params: ({ args }) => ({ id: args[0] }),
  }),
  runCommand,
  execCommand,
];
