import type { ToolOutput } from '@berth/tools/core';
import { EXIT_OK } from '../exit-codes.js';
import type { Session } from '../session.js';
import { printAside, printOutput } from './print-output.js';

interface QueryAnswer {
  columns?: { name: string }[];
  values?: unknown[][];
  changed?: number;
  more?: string;
  note?: string;
}

/** A column name made unique (`id`, `id_2`): a query may name two columns alike. */
function uniqueNames(columns: { name: string }[]): string[] {
  const seen = new Map<string, number>();
  return columns.map(({ name }) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}

/**
 * A query's answer (db query, db exec) for people: its `values` as a table under its own
 * column names, then how many rows changed and what was left out, on stderr. A plan (exec
 * before it is confirmed) or --json prints as any answer does.
 */
export function queryTable(output: ToolOutput, session: Session): number {
  const answer = output.rows[0] as QueryAnswer | undefined;
  if (session.globals.json || output.rows.length !== 1 || !answer || 'statement' in answer) {
    printOutput(session, output);
    return EXIT_OK;
  }
  if (answer.columns && answer.values) {
    const names = uniqueNames(answer.columns);
    const rows = answer.values.map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]])));
    printOutput(session, { rows }, { columns: names });
    if (rows.length === 0) session.warn(session.err.dim(`(no rows) ${names.join(', ')}`));
  }
  if (answer.changed !== undefined) session.warn(`${answer.changed} row(s) changed`);
  for (const aside of [answer.more, answer.note]) if (aside) session.warn(session.err.dim(aside));
  printAside(session, output);
  return EXIT_OK;
}
