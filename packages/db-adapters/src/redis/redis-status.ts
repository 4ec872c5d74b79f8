import type { CellValue, DbAdapterContext, DbCallOptions, DbStatus, TableInfo } from '../db-adapter.js';
import { redisInfo } from './redis-cli.js';
import { redisDatabases } from './redis-fingerprint.js';

const num = (v: string | undefined) =>
  v === undefined || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);

/** Version, memory, clients and replication role, from one INFO call. */
export async function redisStatus(context: DbAdapterContext, options: DbCallOptions = {}): Promise<DbStatus> {
  const info = await redisInfo(context, 'everything', options);
  const replicas = num(info.connected_slaves) ?? 0;
  const role = info.role === 'slave' ? 'replica' : replicas > 0 ? 'primary' : 'standalone';
  const details: Record<string, CellValue> = {};
  for (const key of [
    'redis_mode',
    'used_memory_human',
    'connected_slaves',
    'master_link_status',
    'rdb_last_bgsave_status',
    'aof_enabled',
    'total_commands_processed',
  ]) {
    const value = info[key];
    if (value !== undefined) details[key] = context.masker.maskText(value);
  }
  for (const [key, value] of Object.entries(info)) if (/^db[0-9]+$/.test(key)) details[key] = value;
  const status: DbStatus = { kind: 'redis', version: info.redis_version ?? 'unknown', role, details };
  const size = num(info.used_memory);
  if (size !== undefined) status.sizeBytes = size;
  const clients = num(info.connected_clients);
  if (clients !== undefined) status.connections = clients;
  const max = num(info.maxclients);
  if (max !== undefined) status.maxConnections = max;
  const uptime = num(info.uptime_in_seconds);
  if (uptime !== undefined) status.uptimeSeconds = uptime;
  return status;
}

/** The numbered databases that hold keys. */
export async function redisDatabaseNames(
  context: DbAdapterContext,
  options: DbCallOptions = {},
): Promise<string[]> {
  return (await redisDatabases(context, options)).map((d) => d.db);
}

/** Each database's key space as a "table" with its key count. */
export async function redisKeyspaces(
  context: DbAdapterContext,
  options: DbCallOptions = {},
): Promise<TableInfo[]> {
  return (await redisDatabases(context, options)).map((d) => ({ name: `db${d.db}`, rows: d.keys }));
}
