import type { EngineEvent } from '@berth/engine';
import { sanitizeText } from '@berth/security';
import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import type { Row } from '../framework/tool-output.js';
import type { RowKey } from '../framework/tool-spec.js';
import { learnFromContainers } from './container-secrets.js';

/** Most events one call keeps (the newest); the engine replays only a few hundred anyway. */
const MAX_EVENTS = 500;
/** How long the replay may take before berth answers with what arrived. */
const REPLAY_MS = 20_000;
const DEFAULT_SINCE_MS = 10 * 60_000;

export const eventTypes = z.enum(['container', 'image', 'volume', 'network', 'daemon', 'plugin']);

export const eventRow = z.object({
  time: z.string(),
  type: z.string(),
  action: z.string(),
  actor: z.string(),
  exitCode: z.number().optional(),
});

export interface EventWindow {
  since: Date;
  until: Date;
}

/**
 * The bounded window of `events`: since defaults to 10 minutes ago, until to now and never
 * later (events after now do not exist yet; waiting for them would be a stream, not a read).
 */
export function eventWindow(since: Date | undefined, until: Date | undefined, now = new Date()): EventWindow {
  const end = until === undefined || until.getTime() > now.getTime() ? now : until;
  const start = since ?? new Date(now.getTime() - DEFAULT_SINCE_MS);
  if (start.getTime() > end.getTime()) {
    throw new ToolError(
      'INVALID',
      `since (${start.toISOString()}) must be before until (${end.toISOString()})`,
    );
  }
  return { since: start, until: end };
}

const shortId = (id: string) => {
  const bare = id.replace(/^sha256:/, '');
  return /^[0-9a-f]{64}$/.test(bare) ? bare.slice(0, 12) : id;
};

export function eventRowOf(e: EngineEvent): Row {
  const exitCode = e.attributes.exitCode;
  return {
    time: new Date(Math.floor(e.timeNano / 1e6)).toISOString(),
    type: e.type,
    action: e.action,
    actor: e.attributes.name ?? shortId(e.actorId),
    ...(exitCode !== undefined && Number.isFinite(Number(exitCode)) ? { exitCode: Number(exitCode) } : {}),
  };
}

/** Newest first; events of the same millisecond by what they are about. */
export function eventKey(row: Row): RowKey {
  const what = [row.host, row.type, row.action, row.actor].map((v) => String(v ?? '')).join('/');
  return [Date.parse(String(row.time)), what];
}

export interface EventQuery {
  since?: Date | undefined;
  until?: Date | undefined;
  type?: string | undefined;
  container?: string | undefined;
}

/**
 * The engine's events of a past window (it replays them and closes the stream at
 * `until`), the newest MAX_EVENTS kept. A replay that outlasts REPLAY_MS (an engine clock
 * behind berth's) ends quietly with what arrived rather than failing the whole read.
 */
export async function recentEvents(call: HostCall, q: EventQuery): Promise<Row[]> {
  const window = eventWindow(q.since, q.until);
  const engine = await call.engine();
  const kept: EngineEvent[] = [];
  for await (const e of engine.system.events({
    signal: AbortSignal.timeout(REPLAY_MS),
    since: window.since,
    until: window.until,
    filters: {
      ...(q.type ? { type: q.type } : {}),
      ...(q.container ? { container: q.container } : {}),
    },
  })) {
    kept.push(e);
    if (kept.length > MAX_EVENTS) kept.shift();
  }
  // An exec's event carries its argv (`exec_create: mysql -pX`), readable by any reader:
  // the containers' own secrets are learned first, and rows are masked before they become
  // paging keys.
  await learnFromContainers(
    call,
    kept.filter((e) => e.type === 'container' && e.actorId !== '').map((e) => e.actorId),
  );
  return kept.map((e) => maskedRow(eventRowOf(e), call));
}

function maskedRow(row: Row, call: HostCall): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      typeof v === 'string' ? call.masker.maskText(sanitizeText(v)) : v,
    ]),
  );
}
