/**
 * The one quoting function for remote shells (DESIGN.md: "no shell strings").
 *
 * berth never builds commands from strings, but an SSH `exec` request carries a single
 * command line that the remote login shell parses. Every argv element that crosses SSH
 * goes through `quoteShellArg`, which wraps it in single quotes so that the POSIX shell
 * takes it literally: no expansion, no globbing, no word splitting, no command
 * separators. A single quote inside the value is closed, escaped and reopened ('\'').
 */
export function quoteShellArg(value: string): string {
  if (value.includes('\0')) {
    throw new TypeError('A shell argument cannot contain a NUL byte');
  }
  // Plain words need no quotes; keeping them bare makes logs readable.
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Joins an argv array into one command line for a POSIX shell, each element quoted. */
export function shellJoin(argv: readonly string[]): string {
  if (argv.length === 0) throw new TypeError('Cannot build a command line from an empty argv');
  return argv.map(quoteShellArg).join(' ');
}
