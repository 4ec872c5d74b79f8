import { createHash } from 'node:crypto';
import type { DbAdapterContext, DbCallOptions, RestoreResult } from '../db-adapter.js';
import { redisInfo, runRedis } from './redis-cli.js';

// Runs in the server (read-only script): a sha1 per key over its name, type, TTL presence and
// contents in a canonical order, then the sorted list hashed. Hashes and sets are sorted,
// sorted sets keep their score order, lists and streams their own order.
const DIGEST = `
local hashes = {}
local cursor = '0'
repeat
  local page = redis.call('SCAN', cursor, 'COUNT', 1000)
  cursor = page[1]
  for _, key in ipairs(page[2]) do
    local t = redis.call('TYPE', key)['ok']
    local parts = {}
    if t == 'string' then parts = { redis.call('GET', key) }
    elseif t == 'list' then parts = redis.call('LRANGE', key, 0, -1)
    elseif t == 'set' then parts = redis.call('SMEMBERS', key); table.sort(parts)
    elseif t == 'zset' then parts = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
    elseif t == 'hash' then
      local flat = redis.call('HGETALL', key)
      for i = 1, #flat, 2 do table.insert(parts, flat[i] .. '\\0' .. flat[i + 1]) end
      table.sort(parts)
    elseif t == 'stream' then
      for _, entry in ipairs(redis.call('XRANGE', key, '-', '+')) do
        table.insert(parts, entry[1] .. '\\0' .. table.concat(entry[2], '\\0'))
      end
    end
    local ttl = redis.call('PTTL', key) >= 0 and 'ttl' or ''
    table.insert(hashes, redis.sha1hex(key .. '\\0' .. t .. '\\0' .. ttl .. '\\0' .. table.concat(parts, '\\1')))
  end
until cursor == '0'
table.sort(hashes)
return { #hashes, redis.sha1hex(table.concat(hashes, '')) }
`;

/** The database indexes that hold keys, from INFO keyspace (`db0:keys=3,...`). */
export async function redisDatabases(
  context: DbAdapterContext,
  options: DbCallOptions,
): Promise<Array<{ db: string; keys: number }>> {
  const info = await redisInfo(context, 'keyspace', options);
  return Object.entries(info)
    .filter(([k]) => /^db[0-9]+$/.test(k))
    .map(([k, v]) => ({ db: k.slice(2), keys: Number(/keys=([0-9]+)/.exec(v)?.[1] ?? 0) }));
}

/** Keys and a digest of every key's contents in every database, computed by the server. */
export async function redisFingerprint(
  context: DbAdapterContext,
  options: DbCallOptions,
): Promise<RestoreResult['verified']> {
  const hash = createHash('sha256');
  let keys = 0;
  const dbs = await redisDatabases(context, options);
  for (const { db } of dbs) {
    const { stdout } = await runRedis(context, ['EVAL_RO', DIGEST, '0'], {
      ...options,
      database: db,
      what: `redis digest of db ${db}`,
    });
    const [count, digest] = JSON.parse(stdout) as [number, string];
    hash.update(`${db}\0${count}\0${digest}\n`);
    keys += count;
  }
  return { tables: dbs.length, rows: keys, fingerprint: hash.digest('hex') };
}
