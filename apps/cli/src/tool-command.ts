import type { RunToolOptions, ToolOutput } from '@berth/tools/core';
import type { CommandInput, CommandSpec, OptionSpec } from './command-spec.js';
import type { Session } from './session.js';

export type Params = Record<string, unknown>;

export interface ToolCommandOptions extends Omit<CommandSpec, 'run'> {
  tool: string;
  action: string;
  /** The params of the call; a list makes one call each (`rm a b c`). */
  params(input: CommandInput, session: Session): Params | Params[] | Promise<Params | Params[]>;
  /** Table columns, in order (default: every field of the rows). */
  columns?: readonly string[];
  /** Nested rows (inspect) print as JSON for people too. */
  view?: 'table' | 'json';
  /** The action edits berth's config: no `host`. */
  noHost?: boolean;
  /** The action may take risks it asks about (run: host access): --dry-run and --yes apply. */
  risky?: boolean;
  /** The action pages (`limit`, `cursor`): a table fetches every page, --json one. */
  pages?: boolean;
  /** Renders a successful answer its own way (--json included) and says the exit code (exec: the command's). */
  render?(output: ToolOutput, session: Session): number;
  /** Progress of long actions (pull), for a terminal. */
  progress?(session: Session): RunToolOptions['progress'] | undefined;
}

const PAGE_OPTIONS: OptionSpec[] = [
  { flags: '--limit <n>', description: 'at most n rows (with --json: one page of up to n)', type: 'int' },
  { flags: '--cursor <next>', description: 'the page after the one whose "next" this is (--json)' },
];

/** A command that is one action of a tool: the runner does the work, the CLI renders it. */
export function toolCommand(o: ToolCommandOptions): CommandSpec {
  const { tool, action, params, columns, view, noHost, pages, risky, render, progress, ...spec } = o;
  return {
    ...spec,
    ...(risky ? { confirms: true } : {}),
    options: [...(spec.options ?? []), ...(pages ? PAGE_OPTIONS : [])],
    run: async (input, session) => {
      const { runToolCommand } = await import('./run-tool-command.js');
      return runToolCommand(o, input, session);
    },
  };
}
