import type { Row, ToolOutput } from '@berth/tools/core';
import { printAside } from '../render/print-output.js';
import type { Session } from '../session.js';
import { readOnce } from './read-once.js';
import { sleep } from './sleep.js';

const POLL_MS = 1000;
/** Keys of events already printed, kept for the window a poll can repeat. */
const SEEN_MAX = 2000;

export interface EventsRequest {
  since?: string;
  until?: string;
  type?: string;
  container?: string;
}

const keyOf = (r: Row) => [r.host, r.time, r.type, r.action, r.actor].map((v) => String(v ?? '')).join('|');

function printEvents(session: Session, rows: Row[]): void {
  for (const r of rows) {
    const where = typeof r.host === 'string' ? `${r.host} ` : '';
    const exit = r.exitCode !== undefined ? ` (exit ${r.exitCode})` : '';
    session.print(`${session.out.dim(String(r.time))} ${where}${r.type} ${r.action} ${r.actor}${exit}`);
  }
}

/**
 * `events`: engine events, oldest first. With --until, the one window; otherwise new events
 * as they happen (from --since, default now) until Ctrl-C, each poll a read of the events
 * action from the newest event seen.
 */
export async function streamEvents(session: Session, request: EventsRequest): Promise<number> {
  const { since, ...filter } = request;
  const once = request.until !== undefined;
  const seen = new Set<string>();
  let from = since ?? new Date().toISOString();
  while (!session.signal.aborted) {
    const output = await readOnce(session, { action: 'events', ...filter, since: from, limit: 500 });
    if (typeof output === 'number') return output;
    const fresh = [...output.rows].reverse().filter((r) => !seen.has(keyOf(r)));
    for (const r of fresh) seen.add(keyOf(r));
    while (seen.size > SEEN_MAX) seen.delete(seen.values().next().value as string);
    if (session.globals.json) {
      if (once || fresh.length > 0)
        session.print(JSON.stringify(once ? output : ({ rows: fresh } satisfies ToolOutput)));
    } else {
      printEvents(session, fresh);
      printAside(session, { errors: output.errors });
    }
    if (once) return 0;
    const newest = fresh.at(-1)?.time;
    if (typeof newest === 'string') from = newest;
    await sleep(POLL_MS, session.signal);
  }
  return 0;
}
