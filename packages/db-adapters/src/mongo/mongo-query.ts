import type { DbAdapterContext, QueryOptions, QueryResult } from '../db-adapter.js';
import { DbError } from '../db-error.js';
import { dbError } from '../db-exec.js';
import { textTable } from '../text-table.js';
import { mongoWriteReason, parseMongoCommand } from './mongo-command.js';
import { runMongosh } from './mongo-shell.js';
import { documentRows, type Json } from './mongo-values.js';

// find and aggregate print their documents one per line and stop one past the cap (the
// cursor is killed); any other command prints its reply as one document.
const SCRIPT = `
const request = EJSON.parse(env.BERTH_MONGO_REQUEST, { relaxed: false });
const name = Object.keys(request)[0];
const max = Number(env.BERTH_MONGO_MAX_ROWS);
if (name === 'find' || name === 'aggregate') {
  if (name === 'aggregate') request.cursor = Object.assign({}, request.cursor, { batchSize: max + 1 });
  else request.batchSize = max + 1;
  const reply = target.runCommand(request);
  const batch = reply.cursor.firstBatch;
  for (const doc of batch.slice(0, max + 1)) out({ d: doc });
  if (reply.cursor.id && String(reply.cursor.id) !== '0') {
    const collection = reply.cursor.ns.slice(reply.cursor.ns.indexOf('.') + 1);
    try { target.runCommand({ killCursors: collection, cursors: [reply.cursor.id] }); } catch (e) {}
    out({ more: true });
  }
} else {
  out({ reply: target.runCommand(request) });
}
`;

/**
 * Runs one MongoDB command document (`{"find": "users", "filter": {...}}`) through mongosh
 * in the container. Read-only by default: only commands that read (find, aggregate without
 * $out or $merge, count, distinct, list and stats commands) run; others are READ_ONLY.
 */
export async function mongoQuery(
  context: DbAdapterContext,
  text: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  let command: ReturnType<typeof parseMongoCommand>;
  try {
    command = parseMongoCommand(text);
  } catch (error) {
    throw dbError(context, error instanceof DbError ? error.code : 'INVALID', (error as Error).message);
  }
  if (options.readOnly ?? true) {
    const why = mongoWriteReason(command);
    if (why)
      throw dbError(context, 'READ_ONLY', `${why}; pass readOnly: false to run it`, {
        command: command.name,
      });
  }
  const maxRows = options.maxRows ?? 1000;
  const result = await runMongosh(context, SCRIPT, {
    ...options,
    env: { BERTH_MONGO_REQUEST: text, BERTH_MONGO_MAX_ROWS: String(maxRows) },
    maxCapturedBytes: options.maxBytes ?? 4 * 1024 * 1024,
    what: `mongo ${command.name}`,
  });
  const lines = result.stdout.split('\n').filter((line) => line.startsWith('{'));
  // A line cut by the byte cap is not JSON: it and what follows are dropped.
  const parsed: Array<Record<string, Json>> = [];
  for (const line of lines) {
    try {
      parsed.push(JSON.parse(line) as Record<string, Json>);
    } catch {
      break;
    }
  }
  const docs = parsed.flatMap((p) =>
    'd' in p ? [p.d as Record<string, Json>] : 'reply' in p ? [p.reply as Record<string, Json>] : [],
  );
  const more = parsed.some((p) => 'more' in p) || docs.length > maxRows || result.truncated;
  const { columns, rows } = documentRows(docs.slice(0, maxRows));
  const masked = rows.map((row) => row.map((v) => (typeof v === 'string' ? context.masker.maskText(v) : v)));
  const note = more
    ? `(first ${masked.length} documents; more exist: raise maxRows or narrow the filter)`
    : undefined;
  return {
    columns,
    rows: masked,
    rowCount: docs.length,
    truncated: more,
    text: textTable(columns, masked, note),
  };
}
