import type { Row } from '@berth/tools/core';
import { printAside } from '../render/print-output.js';
import { renderTable } from '../render/render-table.js';
import type { Session } from '../session.js';
import { readOnce } from './read-once.js';
import { sleep } from './sleep.js';

const ROUND_MS = 2000;
const CLEAR = '\x1b[H\x1b[2J';

interface Target {
  id: string;
  host?: string;
}

/** The containers named, or every running one (of each host asked) when none is. */
async function targets(session: Session, ids: string[]): Promise<Target[] | number> {
  if (ids.length > 0) return ids.map((id) => ({ id }));
  const list = await readOnce(session, { action: 'list', state: 'running', fields: ['name'], limit: 500 });
  if (typeof list === 'number') return list;
  printAside(session, list);
  return list.rows.map((r) => ({
    id: String(r.name),
    ...(typeof r.host === 'string' ? { host: r.host } : {}),
  }));
}

/** One stats read per container; rows of those that answered, the exit code of the first that failed. */
async function round(session: Session, list: Target[]): Promise<{ rows: Row[]; exit: number }> {
  const rows: Row[] = [];
  let exit = 0;
  for (const t of list) {
    const output = await readOnce(session, { action: 'stats', id: t.id }, t.host);
    if (typeof output === 'number') {
      exit ||= output;
      continue;
    }
    if (session.globals.json) session.print(JSON.stringify(output));
    rows.push(...output.rows.map((r) => (t.host ? { host: t.host, ...r } : r)));
  }
  return { rows, exit };
}

/**
 * `stats`: CPU, memory, network and block I/O of containers, through the read tool's stats
 * action. `--no-stream` reads once; live, it reads again every 2 s until Ctrl-C (a terminal
 * gets the table redrawn in place).
 */
export async function liveStats(session: Session, ids: string[], stream: boolean): Promise<number> {
  const list = await targets(session, ids);
  if (typeof list === 'number') return list;
  do {
    const { rows, exit } = await round(session, list);
    if (session.signal.aborted) return 0;
    if (!session.globals.json) {
      const table =
        rows.length > 0 ? renderTable(rows, { width: session.io.columns, colors: session.out }) : '';
      session.io.stdout.write(`${stream && session.io.stdoutIsTTY ? CLEAR : ''}${table}\n`);
    }
    if (!stream) return exit;
    if (rows.length === 0) return exit;
    await sleep(ROUND_MS, session.signal);
  } while (!session.signal.aborted);
  return 0;
}
