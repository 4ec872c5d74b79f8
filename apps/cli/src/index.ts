// Public API of @berth/cli: the command table and its runner, for adding commands.

export { CliError, type CliErrorCode } from './cli-error.js';
export type { CliIo } from './cli-io.js';
export type {
  ArgSpec,
  CommandInput,
  CommandKind,
  CommandSpec,
  Completes,
  OptionSpec,
} from './command-spec.js';
export { COMMANDS } from './command-table.js';
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, exitCodeFor, exitCodeTable } from './exit-codes.js';
export { type RunCliOptions, runCli } from './run-cli.js';
export type { GlobalOptions, Session } from './session.js';
export { type ToolCommandOptions, toolCommand } from './tool-command.js';
export { CLI_VERSION } from './version.js';
