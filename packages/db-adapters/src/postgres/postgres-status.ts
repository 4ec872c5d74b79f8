import type { CellValue, DbAdapterContext, DbCallOptions, DbStatus, TableInfo } from '../db-adapter.js';
import { psqlRows } from './psql.js';

const READ = { default_transaction_read_only: 'on', statement_timeout: '30000' };

/** Version, size, connections, role (primary or replica) and replication figures, in one query. */
export async function postgresStatus(
  context: DbAdapterContext,
  options: DbCallOptions = {},
): Promise<DbStatus> {
  const rows = await psqlRows(
    context,
    `SELECT current_setting('server_version') AS version,
  pg_database_size(current_database()) AS size,
  (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS connections,
  current_setting('max_connections') AS max_connections,
  pg_is_in_recovery() AS replica,
  extract(epoch FROM now() - pg_postmaster_start_time())::bigint AS uptime,
  (SELECT count(*) FROM pg_stat_replication) AS replicas,
  current_database() AS database,
  current_user AS "user";`,
    { what: 'postgres status', settings: READ, ...options },
  );
  const [header = [], values = []] = rows;
  const get = (name: string) => values[header.indexOf(name)] ?? null;
  const num = (name: string) => (get(name) === null ? undefined : Number(get(name)));
  const replica = get('replica') === 't';
  const replicas = num('replicas') ?? 0;
  const details: Record<string, CellValue> = {
    database: get('database'),
    user: get('user'),
    replicas,
  };
  return {
    kind: 'postgres',
    version: get('version') ?? 'unknown',
    ...(num('size') === undefined ? {} : { sizeBytes: num('size') }),
    ...(num('connections') === undefined ? {} : { connections: num('connections') }),
    ...(num('max_connections') === undefined ? {} : { maxConnections: num('max_connections') }),
    role: replica ? 'replica' : replicas > 0 ? 'primary' : 'standalone',
    ...(num('uptime') === undefined ? {} : { uptimeSeconds: num('uptime') }),
    details,
  };
}

export async function postgresDatabases(
  context: DbAdapterContext,
  options: DbCallOptions = {},
): Promise<string[]> {
  const rows = await psqlRows(
    context,
    'SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1;',
    {
      what: 'postgres databases',
      settings: READ,
      ...options,
    },
  );
  return rows.slice(1).map((r) => r[0] ?? '');
}

export async function postgresTables(
  context: DbAdapterContext,
  options: DbCallOptions & { database?: string } = {},
): Promise<TableInfo[]> {
  const rows = await psqlRows(
    context,
    'SELECT schemaname, relname, n_live_tup FROM pg_stat_user_tables ORDER BY 1, 2;',
    { what: 'postgres tables', settings: READ, ...options },
  );
  return rows.slice(1).map(([schema, name, count]) => ({
    schema: schema ?? '',
    name: name ?? '',
    ...(count === null || count === undefined ? {} : { rows: Number(count) }),
  }));
}
