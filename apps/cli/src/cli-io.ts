import type { Readable, Writable } from 'node:stream';

/** The ambient inputs of one CLI run, injected so unit tests need no globals. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  /** stdout is a terminal: tables sized to it, colour allowed. */
  stdoutIsTTY: boolean;
  /** stdin and stderr are a terminal: a person can be asked. */
  interactive: boolean;
  /** Terminal width, or undefined when stdout is not a terminal (no cutting then). */
  columns: number | undefined;
}

export function processIo(): CliIo {
  const stdoutIsTTY = process.stdout.isTTY === true;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    stdoutIsTTY,
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    columns: stdoutIsTTY ? process.stdout.columns : undefined,
  };
}

/** Writes one line (a newline added). */
export function line(stream: Writable, text: string): void {
  stream.write(`${text}\n`);
}
