import type { ToolOutput } from '@berth/tools/core';
import { printAside } from '../render/print-output.js';
import type { Session } from '../session.js';
import { LogCursor, type LogLine, parseLogLine } from './log-lines.js';
import { readOnce } from './read-once.js';
import { sleep } from './sleep.js';

const POLL_MS = 1000;
/** Most lines one poll reads (the logs action's own maximum). */
const POLL_TAIL = 5000;

export interface LogsRequest {
  id: string;
  tail?: number;
  since?: string;
  until?: string;
  timestamps: boolean;
}

function printLine(session: Session, line: LogLine, timestamps: boolean): void {
  const text = `${timestamps ? `${line.time} ` : ''}${line.text}\n`;
  (line.stream === 'err' ? session.io.stderr : session.io.stdout).write(text);
}

/** `logs`: the end of a container's log, stdout lines on stdout and stderr lines on stderr. */
export async function printLogs(session: Session, request: LogsRequest): Promise<number> {
  const { timestamps, ...rest } = request;
  const output = await readOnce(session, { action: 'logs', ...rest, timestamps: true });
  if (typeof output === 'number') return output;
  if (session.globals.json) {
    session.print(JSON.stringify(output));
    return 0;
  }
  const row = output.rows[0] as { lines?: string[]; truncated?: boolean; hint?: string } | undefined;
  for (const raw of row?.lines ?? []) {
    const line = parseLogLine(raw);
    if (line) printLine(session, line, timestamps);
  }
  if (row?.hint && (row.truncated || (row.lines ?? []).length === 0)) session.warn(session.err.dim(row.hint));
  printAside(session, output);
  return 0;
}

/** States in which a container still writes to its log (a paused one resumes). */
const LIVE_STATES = new Set(['running', 'paused', 'restarting']);

/** Whether the container can still write lines; undefined when that could not be read. */
async function stillRunning(session: Session, id: string): Promise<boolean | undefined> {
  const { callTool } = await import('../call-tool.js');
  const result = await callTool(session, 'read', { action: 'info', kind: 'container', id }, { kind: 'read' });
  if (result.kind !== 'ok') return undefined;
  const state = (result.output.rows[0] as { state?: unknown } | undefined)?.state;
  return typeof state === 'string' ? LIVE_STATES.has(state) : undefined;
}

/**
 * `logs -f`: the end of the log, then new lines as they come, until Ctrl-C or until the
 * container has stopped and its last lines are printed (exit 0, as `docker logs -f`). Each
 * poll is a logs read through the runner (masked like any answer), from the newest line seen.
 */
export async function followLogs(session: Session, request: LogsRequest): Promise<number> {
  const cursor = new LogCursor();
  const started = new Date().toISOString();
  const { timestamps, id, tail, since } = request;
  let params: Record<string, unknown> = { action: 'logs', id, tail, since, timestamps: true };
  while (!session.signal.aborted) {
    // The state is read before the lines: a container seen stopped here wrote its last line
    // before this poll, so the poll prints it and nothing can come after.
    const running = await stillRunning(session, id);
    const output = await readOnce(session, params);
    if (typeof output === 'number') return output;
    const row = output.rows[0] as { lines?: string[] } | undefined;
    const fresh = cursor.fresh(row?.lines ?? []);
    if (session.globals.json) {
      if (fresh.length > 0) session.print(JSON.stringify(jsonPoll(output, fresh)));
    } else for (const line of fresh) printLine(session, line, timestamps);
    if (running === false) return 0;
    await sleep(POLL_MS, session.signal);
    params = {
      action: 'logs',
      id,
      tail: POLL_TAIL,
      since: cursor.since() ?? since ?? started,
      timestamps: true,
    };
  }
  return 0;
}

/** A poll's new lines in the logs action's own shape. */
function jsonPoll(output: ToolOutput, fresh: LogLine[]): ToolOutput {
  const row = output.rows[0] ?? {};
  return { rows: [{ id: row.id, lines: fresh.map((l) => `${l.time} ${l.stream}| ${l.text}`) }] };
}
