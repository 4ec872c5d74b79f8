import type { ErrorLine, ToolOutput } from '@berth/tools/core';
import type { Session } from '../session.js';
import { renderTable } from './render-table.js';

export interface PrintOptions {
  columns?: readonly string[] | undefined;
  /** `json`: rows nest (inspect): pretty JSON for people too. */
  view?: 'table' | 'json';
}

/**
 * A tool's structured result on stdout: with --json exactly the tool's structured content
 * (one JSON document per call, one line), else a table. Hosts that failed beside others
 * and the note go to stderr, so stdout stays the data.
 */
export function printOutput(session: Session, output: ToolOutput, options: PrintOptions = {}): void {
  if (session.globals.json) {
    session.print(JSON.stringify(output));
    return;
  }
  const { rows } = output;
  if (options.view === 'json') {
    if (rows.length > 0) session.print(JSON.stringify(rows.length === 1 ? rows[0] : rows, null, 2));
  } else if (rows.length > 0) {
    session.print(
      renderTable(rows, { columns: options.columns, width: session.io.columns, colors: session.out }),
    );
  }
  printAside(session, output);
}

/** Per-host failures and the note, on stderr. */
export function printAside(session: Session, output: Pick<ToolOutput, 'errors' | 'note'>): void {
  for (const e of output.errors ?? []) session.warn(session.err.red(`! ${e.host}: ${e.error}`));
  if (output.note) session.warn(session.err.dim(output.note));
}

/** One line for a failure: what went wrong and what to do; the code with --verbose. */
export function printError(session: Session, error: Pick<ErrorLine, 'code' | 'message' | 'exitCode'>): void {
  const code = session.globals.verbose ? ` [${error.code}, exit ${error.exitCode}]` : '';
  session.warn(`${session.err.red('berth:')} ${error.message}${code}`);
}
