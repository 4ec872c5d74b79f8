import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { CliError } from '../cli-error.js';
import type { ArgSpec, CommandInput, CommandSpec, OptionSpec } from '../command-spec.js';
import { composeProgress } from '../render/compose-progress.js';
import { type Params, type ToolCommandOptions, toolCommand } from '../tool-command.js';
import { keyValues } from './option-values.js';

const STACK: ArgSpec = { name: 'stack', description: 'compose project name (or --dir)', completes: 'stack' };
const SERVICES: ArgSpec = {
  name: 'service',
  description: 'only these services (default all)',
  variadic: true,
};
const DIR: OptionSpec = {
  flags: '--dir <folder>',
  description: "the project's folder on the engine's host (relative: from here, for the local engine)",
};
const GRACE: OptionSpec = {
  flags: '-t, --grace <seconds>',
  description: 'seconds before SIGKILL (default 10)',
  type: 'int',
};

/** The stack a command names: its name, its folder (`--dir`), or both. */
function stackRef({ args, options }: CommandInput): Params {
  const ref: Params = {};
  if (args[0] !== undefined) ref.stack = args[0];
  if (typeof options.dir === 'string') ref.dir = isAbsolute(options.dir) ? options.dir : resolve(options.dir);
  if (ref.stack === undefined && ref.dir === undefined)
    throw new CliError('INVALID', 'name the stack, or its folder with --dir');
  return ref;
}

/** The stack and the services after it (`compose ps web db`). */
function withServices(input: CommandInput): Params {
  const services = input.args.slice(1);
  return { ...stackRef(input), ...(services.length > 0 ? { services } : {}) };
}

/** A compose command on a stack and its services: one action of a compose tool. */
function onStack(
  o: Omit<ToolCommandOptions, 'path' | 'args' | 'params' | 'action'> & {
    name: string;
    action?: string;
    params?: (input: CommandInput) => Params;
  },
): CommandSpec {
  const { name, action, params, options, ...rest } = o;
  return toolCommand({
    ...rest,
    path: ['compose', name],
    action: action ?? name,
    args: [STACK, SERVICES],
    options: [...(options ?? []), DIR],
    params: (input) => ({ ...withServices(input), ...params?.(input) }),
  });
}

const graceParam = ({ options }: CommandInput): Params =>
  options.grace !== undefined ? { grace: options.grace } : {};

/** `berth compose ...`: the compose toolset (compose_read, compose_ops, compose_remove). */
export const COMPOSE_COMMANDS: CommandSpec[] = [
  toolCommand({
    path: ['compose', 'ls'],
    summary: "stacks: from containers' compose labels and the profile's composePaths",
    kind: 'read',
    tool: 'compose_read',
    action: 'ls',
    params: () => ({}),
  }),
  onStack({
    name: 'ps',
    summary: "a stack's containers with state and health",
    kind: 'read',
    tool: 'compose_read',
    examples: ['berth compose ps shop', 'berth compose ps --dir ./shop web'],
  }),
  toolCommand({
    path: ['compose', 'config'],
    summary: 'the resolved model (interpolated, merged), as compose would run it; secrets masked',
    kind: 'read',
    tool: 'compose_read',
    action: 'config',
    view: 'json',
    args: [STACK],
    options: [DIR],
    params: (input) => stackRef(input),
  }),
  onStack({
    name: 'logs',
    summary: "a stack's last log lines, by service",
    kind: 'read',
    tool: 'compose_read',
    options: [{ flags: '-n, --tail <n>', description: 'lines per container (200)', type: 'int' }],
    params: ({ options }) => (options.tail !== undefined ? { tail: options.tail } : {}),
    render: (output, session) => {
      if (session.globals.json) session.print(JSON.stringify(output));
      else for (const row of output.rows) session.print(String(row.line ?? ''));
      return 0;
    },
  }),
  toolCommand({
    path: ['compose', 'discover'],
    summary: 'the project in a folder: each service with its kind (postgres, redis, web...), image, ports',
    kind: 'read',
    tool: 'compose_read',
    action: 'discover',
    args: [
      { name: 'dir', description: "a folder on the engine's host (relative: from here)", required: true },
    ],
    params: ({ args }) => ({ dir: resolve(args[0] as string) }),
  }),
  onStack({
    name: 'up',
    summary: 'create and start a stack; waits until healthy (progress on a terminal)',
    kind: 'change',
    tool: 'compose_ops',
    options: [
      { flags: '--build', description: 'build images first' },
      { flags: '--pull', description: 'pull images first' },
      { flags: '--force-recreate', description: 'recreate containers even if unchanged' },
    ],
    params: ({ options }) => ({
      ...(options.build === true ? { build: true } : {}),
      ...(options.pull === true ? { pull: true } : {}),
      ...(options.forceRecreate === true ? { force_recreate: true } : {}),
    }),
    progress: composeProgress,
  }),
  toolCommand({
    path: ['compose', 'deploy'],
    summary: 'write a compose file (and .env) as <composePath>/<stack>/, validate, pull, up',
    kind: 'change',
    tool: 'compose_ops',
    action: 'deploy',
    args: [{ name: 'stack', description: 'compose project name', required: true, completes: 'stack' }],
    options: [
      {
        flags: '-f, --file <compose.yaml>',
        description: 'the compose file on this machine',
        default: 'compose.yaml',
      },
      { flags: '-e, --env <KEY=VALUE...>', description: 'a .env variable (masked in answers)' },
      {
        flags: '--compose-path <folder>',
        description: "folder of stacks on the host (default: the profile's first composePaths)",
      },
      { flags: '--no-pull', description: 'use the images the engine has' },
    ],
    examples: ['berth compose deploy shop -f ./compose.yaml -e DB_PASSWORD=... --host prod'],
    params: async ({ args, options }) => {
      const file = String(options.file);
      const compose = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new CliError('INVALID', `cannot read the compose file ${file}: ${error.code ?? error.message}`);
      });
      const env = keyValues(options.env, '--env');
      return {
        stack: args[0],
        compose,
        ...(env ? { env } : {}),
        ...(typeof options.composePath === 'string' ? { compose_path: options.composePath } : {}),
        ...(options.pull === false ? { pull: false } : {}),
      };
    },
    progress: composeProgress,
  }),
  onStack({
    name: 'restart',
    summary: "stop (--grace) then start a stack's services",
    kind: 'change',
    tool: 'compose_ops',
    options: [GRACE],
    params: graceParam,
  }),
  onStack({
    name: 'stop',
    summary: 'stop a stack: SIGTERM, SIGKILL after --grace seconds; containers kept',
    kind: 'change',
    tool: 'compose_ops',
    options: [GRACE],
    params: graceParam,
  }),
  onStack({
    name: 'start',
    summary: "start a stack's existing containers",
    kind: 'add',
    tool: 'compose_ops',
  }),
  onStack({
    name: 'pull',
    summary: "fetch a stack's images from their registries (progress on a terminal)",
    kind: 'add',
    tool: 'compose_ops',
    progress: composeProgress,
  }),
  onStack({
    name: 'build',
    summary: "build a stack's images (progress on a terminal)",
    kind: 'add',
    tool: 'compose_ops',
    options: [{ flags: '--no-cache', description: 'build every layer again' }],
    params: ({ options }) => (options.cache === false ? { no_cache: true } : {}),
    progress: composeProgress,
  }),
  toolCommand({
    path: ['compose', 'down'],
    summary:
      "remove a stack's containers and networks; --volumes also its volumes (asks first; --yes, --dry-run)",
    kind: 'lose',
    tool: 'compose_remove',
    action: 'down',
    args: [STACK],
    options: [
      DIR,
      { flags: '-v, --volumes', description: "also delete the stack's volumes (its data)" },
      { flags: '--remove-orphans', description: 'also remove containers of services no longer in the file' },
    ],
    examples: ['berth compose down shop --dry-run', 'berth compose down shop --volumes --yes'],
    params: (input) => ({
      ...stackRef(input),
      // A real boolean, never a string: volumes go only when the flag is there.
      ...(input.options.volumes === true ? { volumes: true } : {}),
      ...(input.options.removeOrphans === true ? { remove_orphans: true } : {}),
    }),
  }),
];
