import type { CommandSpec } from './command-spec.js';
import { COMPOSE_COMMANDS } from './commands/compose-commands.js';
import { COMPOSE_MIGRATE_COMMANDS } from './commands/compose-migrate-commands.js';
import { CONFIG_COMMANDS } from './commands/config-commands.js';
import { CONTAINER_COMMANDS } from './commands/container-commands.js';
import { DB_COMMANDS } from './commands/db-commands.js';
import { doctorCommand } from './commands/doctor-command.js';
import { gatewayCommand } from './commands/gateway-command.js';
import { HOSTS_COMMANDS } from './commands/hosts-commands.js';
import { IMAGE_COMMANDS } from './commands/image-commands.js';
import { LIFECYCLE_COMMANDS } from './commands/lifecycle-commands.js';
import { mcpCommand } from './commands/mcp-command.js';
import { completionCommands } from './completion/completion-commands.js';

/**
 * Every command of `berth`, in help order. A capability adds its commands here as one
 * line: a file of its own exporting `CommandSpec[]` (compose, db, gateway).
 */
export const COMMANDS: readonly CommandSpec[] = [
  ...HOSTS_COMMANDS,
  ...CONTAINER_COMMANDS,
  ...LIFECYCLE_COMMANDS,
  ...IMAGE_COMMANDS,
  ...COMPOSE_COMMANDS,
  ...COMPOSE_MIGRATE_COMMANDS,
  ...DB_COMMANDS,
  mcpCommand,
  gatewayCommand,
  ...CONFIG_COMMANDS,
  doctorCommand,
  ...completionCommands(() => COMMANDS),
];

/** What each group of commands is about, for `berth --help`. */
export const COMMAND_GROUPS: Record<string, string> = {
  hosts:
    'engine profiles (ls, add, edit, rm, test, import-ssh) and what each engine holds (ports, df, cleanup)',
  volumes: 'list, create and remove volumes',
  networks: 'list, create and remove networks',
  config: "berth's config files: path, show, validate, schema",
  compose:
    'compose stacks: ls, ps, config, logs, discover, up, deploy, restart, stop, start, pull, build, down, migrate-plan, migrate, migrate-remove-source',
  db: 'databases in containers: query, status, databases, tables, exec, backup, restore',
};
