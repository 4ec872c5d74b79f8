import { Command, CommanderError } from 'commander';
import { type CliIo, processIo } from './cli-io.js';
import type { CommandSpec } from './command-spec.js';
import { COMMAND_GROUPS, COMMANDS } from './command-table.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { registerCommands } from './register-commands.js';
import { printError } from './render/print-output.js';
import { Session } from './session.js';
import { CLI_VERSION } from './version.js';

export interface RunCliOptions {
  io?: CliIo;
  /** Ctrl-C: aborts calls and ends streams. */
  signal?: AbortSignal;
  commands?: readonly CommandSpec[];
}

const EXIT_HELP = `
Exit codes: 0 ok, 1 failure, 2 usage or invalid input, 3 not found, 4 conflict,
5 unreachable, 6 timeout, 7 denied (read-only, declined, needs --yes), 8 config,
9 unsupported, 130 cancelled. Errors are one line with what to do; --verbose adds details.`;

function program(io: CliIo): Command {
  return new Command('berth')
    .description("berth: Docker on local and remote engines, for people and scripts (the MCP tools' twin)")
    .version(CLI_VERSION, '-V, --version')
    .option(
      '-H, --host <profile>',
      'profile to act on; reads also take a,b or "*" (repeatable)',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option('--config <file>', 'the one config file to read')
    .option('--trust-project', 'read ./berth.yaml though the user file does not trust its folder')
    .option('--audit-log <file>', 'where changes are recorded ("off": nowhere)')
    .option('--verbose', 'debug lines and error codes on stderr')
    .addHelpText('after', EXIT_HELP)
    .showSuggestionAfterError(true)
    .configureHelp({ showGlobalOptions: true })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
}

/**
 * Runs one command line (`argv` without node and the script) and resolves with its exit
 * code; never exits the process. Failures print one line on stderr.
 */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<number> {
  const io = options.io ?? processIo();
  const signal = options.signal ?? new AbortController().signal;
  const root = program(io);
  let code = EXIT_OK;
  let session: Session | undefined;
  registerCommands(
    root,
    options.commands ?? COMMANDS,
    async (spec, input, globals) => {
      session = new Session(io, globals, signal);
      code = await spec.run(input, session);
    },
    COMMAND_GROUPS,
  );
  try {
    await root.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
        ? EXIT_OK
        : EXIT_USAGE;
    }
    const { errorLine } = await import('@berth/tools/core');
    const line = errorLine(error);
    printError(
      session ??
        new Session(
          io,
          { json: false, yes: false, dryRun: false, verbose: false, trustProject: false },
          signal,
        ),
      line,
    );
    return line.exitCode || EXIT_FAILURE;
  } finally {
    await session?.dispose();
  }
  return code;
}
