import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandInput, CommandSpec, OptionSpec } from './command-spec.js';
import type { GlobalOptions } from './session.js';

export type RunCommand = (spec: CommandSpec, input: CommandInput, globals: GlobalOptions) => Promise<void>;

function wholeNumber(value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

/** `<x...>` in a flag means repeatable (`-e A=1 -e B=2`), never greedy: it would eat the image name. */
function toOption(spec: OptionSpec): Option {
  const repeat = spec.flags.includes('...>');
  const option = new Option(spec.flags.replace('...>', '>'), spec.description);
  if (spec.type === 'int') option.argParser(wholeNumber);
  else if (repeat)
    option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

/** The group command of `path`'s first words (`hosts`, `volumes`), made on first use. */
function parentOf(program: Command, path: readonly string[], groups: Record<string, string>): Command {
  let parent = program;
  for (const word of path.slice(0, -1)) {
    const found = parent.commands.find((c) => c.name() === word);
    parent = found ?? parent.command(word).description(groups[word] ?? `${word} commands`);
  }
  return parent;
}

/** Adds every row of the command table to commander; `run` gets the parsed input. */
export function registerCommands(
  program: Command,
  specs: readonly CommandSpec[],
  run: RunCommand,
  groups: Record<string, string> = {},
): void {
  for (const spec of specs) {
    const parent = parentOf(program, spec.path, groups);
    const name = spec.path.at(-1) as string;
    // `volumes` alone lists, as `volumes ls`; `__complete` is for the completion scripts only.
    const command = parent
      .command(name, { isDefault: name === 'ls', hidden: name.startsWith('__') })
      .description(spec.summary);
    for (const alias of spec.aliases ?? []) command.alias(alias);
    for (const arg of spec.args ?? []) {
      const word = `${arg.name}${arg.variadic ? '...' : ''}`;
      command.argument(arg.required ? `<${word}>` : `[${word}]`, arg.description);
    }
    if (spec.takesRest) command.argument('[argv...]', 'the command, after --');
    for (const option of spec.options ?? []) command.addOption(toOption(option));
    if (spec.kind !== 'local') command.option('--json', "print the tool's structured result as JSON");
    if (spec.kind === 'lose' || spec.confirms) {
      command.option('--dry-run', 'show what would be done; change nothing');
      command.option('-y, --yes', 'do not ask; go ahead');
    }
    if (spec.examples?.length)
      command.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`);
    command.action(async (...given: unknown[]) => {
      const self = given.at(-1) as Command;
      const positional = self.processedArgs as unknown[];
      const named = (spec.args ?? []).length;
      const args = positional
        .slice(0, named)
        .flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
      const rest = spec.takesRest ? ((positional[named] as string[] | undefined) ?? []) : [];
      const all = self.optsWithGlobals() as Record<string, unknown>;
      const hosts = all.host as string[] | undefined;
      const globals: GlobalOptions = {
        host: hosts && hosts.length > 0 ? hosts.join(',') : undefined,
        json: all.json === true,
        yes: all.yes === true,
        dryRun: all.dryRun === true,
        verbose: all.verbose === true,
        config: all.config as string | undefined,
        trustProject: all.trustProject === true,
        auditLog: all.auditLog as string | undefined,
      };
      await run(spec, { args: args.map(String), rest, options: self.opts() }, globals);
    });
  }
}
