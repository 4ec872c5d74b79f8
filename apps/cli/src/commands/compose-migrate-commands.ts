import { isAbsolute, resolve } from 'node:path';
import { CliError } from '../cli-error.js';
import type { ArgSpec, CommandInput, CommandSpec, OptionSpec } from '../command-spec.js';
import { stepProgress } from '../render/step-progress.js';
import { type Params, toolCommand } from '../tool-command.js';

const STACK: ArgSpec = { name: 'stack', description: 'compose project name (or --dir)', completes: 'stack' };
const DIR: OptionSpec = {
  flags: '--dir <folder>',
  description: "the project's folder on the engine's host (relative: from here, for the local engine)",
};
const TO: OptionSpec = {
  flags: '--to <profile>',
  description: 'the profile of the host to move the stack to',
  completes: 'profile',
};

/** The stack (name or --dir) and the target profile of a migration. */
function migration({ args, options }: CommandInput): Params {
  const ref: Params = {};
  if (args[0] !== undefined) ref.stack = args[0];
  if (typeof options.dir === 'string') ref.dir = isAbsolute(options.dir) ? options.dir : resolve(options.dir);
  if (ref.stack === undefined && ref.dir === undefined)
    throw new CliError('INVALID', 'name the stack, or its folder with --dir');
  if (typeof options.to !== 'string')
    throw new CliError('INVALID', 'name the host to move to with --to PROFILE');
  return { ...ref, to: options.to };
}

/**
 * `berth compose migrate-plan|migrate|migrate-remove-source`: moving a stack to another
 * host (compose_read migrate_plan, compose_ops migrate, compose_remove migrate_remove_source).
 */
export const COMPOSE_MIGRATE_COMMANDS: CommandSpec[] = [
  toolCommand({
    path: ['compose', 'migrate-plan'],
    summary:
      'what migrate would do: volumes with sizes, binds, images missing there, port conflicts, blockers, steps; changes nothing',
    kind: 'read',
    tool: 'compose_read',
    action: 'migrate_plan',
    args: [STACK],
    options: [TO, DIR],
    examples: ['berth compose migrate-plan shop --to prod'],
    params: migration,
  }),
  toolCommand({
    path: ['compose', 'migrate'],
    summary:
      'move a stack to --to: stop here, copy volumes and images, start there healthy; Ctrl-C or a failure rolls back; deletes nothing here',
    kind: 'change',
    tool: 'compose_ops',
    action: 'migrate',
    args: [STACK],
    options: [TO, DIR],
    examples: ['berth compose migrate shop --to prod', 'berth compose migrate-remove-source <plan id>'],
    params: migration,
    progress: stepProgress('migrate'),
  }),
  toolCommand({
    path: ['compose', 'migrate-remove-source'],
    summary:
      "after migrate: delete the stack's containers, volumes, networks from the source host (asks first; --yes, --dry-run)",
    kind: 'lose',
    tool: 'compose_remove',
    action: 'migrate_remove_source',
    args: [{ name: 'plan-id', description: 'the plan id migrate answered with', required: true }],
    examples: ['berth compose migrate-remove-source 0123456789abcdef0123456789abcdef --dry-run'],
    params: ({ args }) => ({ plan_id: args[0] }),
  }),
];
