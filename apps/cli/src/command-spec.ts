import type { Session } from './session.js';

/** What a positional argument holds, so completion can offer names. */
export type Completes = 'profile' | 'container' | 'image' | 'volume' | 'network' | 'stack' | 'shell';

export interface ArgSpec {
  name: string;
  description: string;
  required?: boolean;
  /** Takes the rest of the words (`<id...>`). */
  variadic?: boolean;
  completes?: Completes;
}

export interface OptionSpec {
  /** commander flags: `-f, --follow`, `--tail <n>`, `-e, --env <key=value...>`. */
  flags: string;
  description: string;
  /** `int` parses a whole number (a usage error otherwise). */
  type?: 'int';
  default?: string | boolean;
  completes?: Completes;
}

/** What a command got from its command line, beside the global options in the session. */
export interface CommandInput {
  args: string[];
  /** Variadic rest (`exec ID -- argv...`), when the command takes one. */
  rest: string[];
  options: Record<string, unknown>;
}

/**
 * How a command acts: `read` takes --json and several hosts; `change` and `add` act on one
 * host; `lose` removes for good and takes --dry-run and --yes; `local` touches no tool.
 */
export type CommandKind = 'read' | 'add' | 'change' | 'lose' | 'local';

/**
 * One row of the command table: `berth <path...>`. Runs return the exit code. A capability
 * (compose, db, gateway) adds its commands as rows of its own file in the table.
 */
export interface CommandSpec {
  path: readonly string[];
  aliases?: readonly string[];
  summary: string;
  kind: CommandKind;
  args?: readonly ArgSpec[];
  options?: readonly OptionSpec[];
  /** Asks before it acts (beside `lose` commands): takes --dry-run and --yes. */
  confirms?: boolean;
  /** `--` ends the options and the words after it are `rest` (argv of exec and run). */
  takesRest?: boolean;
  /** Shown under the help; one example per line. */
  examples?: readonly string[];
  run(input: CommandInput, session: Session): Promise<number>;
}
