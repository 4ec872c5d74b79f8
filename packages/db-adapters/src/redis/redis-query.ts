import type { DbAdapterContext, QueryOptions, QueryResult } from '../db-adapter.js';
import { dbError } from '../db-exec.js';
import { textTable } from '../text-table.js';
import { runRedis } from './redis-cli.js';
import { replyTable } from './redis-reply.js';
import { splitRedisCommand } from './split-redis-command.js';

// Flags (from the server's COMMAND INFO) that make a command more than a read.
const NOT_READ_ONLY = new Set(['write', 'admin', 'pubsub', 'may_replicate']);
// Scripts may write whatever their flags say; their _RO variants are the read-only way.
const SCRIPTS = new Set(['eval', 'evalsha', 'fcall']);
// Commands that carry a password: credentials travel in REDISCLI_AUTH, never in a command line.
const CARRIES_PASSWORD = new Set(['AUTH', 'HELLO', 'MIGRATE']);

/** The server's own flags for a command (`config|get` for a subcommand), or undefined when unknown. */
async function commandFlags(context: DbAdapterContext, args: readonly string[], options: QueryOptions) {
  const names = [args[0] ?? ''];
  if (args[1] !== undefined) names.unshift(`${args[0]}|${args[1]}`);
  const { stdout } = await runRedis(context, ['COMMAND', 'INFO', ...names], {
    ...options,
    what: 'redis COMMAND INFO',
  });
  const infos = JSON.parse(stdout) as Array<[string, number, string[]] | null>;
  const found = infos.find((info) => info !== null);
  return found ? { name: found[0], flags: found[2] } : undefined;
}

/**
 * Runs one redis command given as a redis-cli line (`HGETALL "user:1"`). Read-only by
 * default: the server's own COMMAND INFO flags decide, so a command that writes, administers,
 * publishes or may replicate is refused with READ_ONLY before it runs.
 */
export async function redisQuery(
  context: DbAdapterContext,
  line: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  const args = splitRedisCommand(line);
  const name = args[0];
  if (name === undefined) throw dbError(context, 'INVALID', 'no redis command given');
  if (name.startsWith('-'))
    throw dbError(
      context,
      'INVALID',
      `a redis command does not start with "-" (${JSON.stringify(name.slice(0, 20))})`,
    );
  if (CARRIES_PASSWORD.has(name.toUpperCase()))
    throw dbError(
      context,
      'INVALID',
      `${name.toUpperCase()} carries credentials; berth logs in with the container's own`,
    );
  if (options.database !== undefined && !/^[0-9]{1,4}$/.test(options.database))
    throw dbError(
      context,
      'INVALID',
      `redis databases are numbered; ${JSON.stringify(options.database)} is not`,
    );
  if (options.readOnly ?? true) {
    const info = await commandFlags(context, args, options);
    const blocking = info?.flags.filter((f) => NOT_READ_ONLY.has(f)) ?? [];
    if (info && SCRIPTS.has(info.name))
      blocking.push(`a script that may write (use ${info.name.toUpperCase()}_RO)`);
    if (blocking.length > 0) {
      throw dbError(
        context,
        'READ_ONLY',
        `redis ${info?.name.toUpperCase()} is not read-only (the server flags it ${blocking.join(', ')}); pass readOnly: false to run it`,
        { command: info?.name },
      );
    }
  }
  const maxRows = options.maxRows ?? 1000;
  const { stdout, truncated } = await runRedis(context, args, {
    ...options,
    maxCapturedBytes: options.maxBytes ?? 4 * 1024 * 1024,
    what: `redis ${name.toUpperCase()}`,
  });
  const table = replyTable(stdout);
  const cut = truncated || table.rows.length > maxRows;
  const rows = table.rows.slice(0, maxRows);
  const masked = rows.map((row) => row.map((v) => (typeof v === 'string' ? context.masker.maskText(v) : v)));
  const note = cut
    ? `(${rows.length} of ${table.rows.length}${truncated ? '+' : ''} rows; raise maxRows or maxBytes for more)`
    : undefined;
  return {
    columns: table.columns,
    rows: masked,
    rowCount: table.rows.length,
    truncated: cut,
    text: textTable(table.columns, masked, note),
  };
}
