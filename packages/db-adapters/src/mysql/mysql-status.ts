import type { CellValue, DbAdapterContext, DbCallOptions, DbStatus, TableInfo } from '../db-adapter.js';
import { type MysqlTools, mysqlDatabase, mysqlRows } from './mysql-client.js';

/** Version, size of the current database, connections, uptime and whether it replicates. */
export async function mysqlStatus(
  context: DbAdapterContext,
  tools: MysqlTools,
  options: DbCallOptions = {},
): Promise<DbStatus> {
  const status =
    tools.flavour === 'mariadb' ? 'information_schema.GLOBAL_STATUS' : 'performance_schema.global_status';
  const [main, replica] = await mysqlRows(
    context,
    tools,
    `SELECT VERSION() AS version,
  (SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE()) AS size,
  (SELECT VARIABLE_VALUE FROM ${status} WHERE VARIABLE_NAME = 'Threads_connected') AS connections,
  @@max_connections AS max_connections,
  (SELECT VARIABLE_VALUE FROM ${status} WHERE VARIABLE_NAME = 'Uptime') AS uptime,
  @@read_only AS read_only, DATABASE() AS db, CURRENT_USER() AS user;
SHOW REPLICA STATUS;`,
    { ...options, database: mysqlDatabase(context), what: 'mysql status' },
  );
  const names = main?.columns ?? [];
  const values = main?.rows[0] ?? [];
  const get = (name: string) => values[names.indexOf(name)] ?? null;
  const num = (name: string) => (get(name) === null ? undefined : Number(get(name)));
  const isReplica = (replica?.rows.length ?? 0) > 0;
  const details: Record<string, CellValue> = {
    database: get('db'),
    user: get('user'),
    readOnly: get('read_only') === '1',
  };
  return {
    kind: 'mysql',
    version: get('version') ?? 'unknown',
    ...(num('size') === undefined ? {} : { sizeBytes: num('size') }),
    ...(num('connections') === undefined ? {} : { connections: num('connections') }),
    ...(num('max_connections') === undefined ? {} : { maxConnections: num('max_connections') }),
    role: isReplica ? 'replica' : 'standalone',
    ...(num('uptime') === undefined ? {} : { uptimeSeconds: num('uptime') }),
    details,
  };
}

const SYSTEM = new Set(['information_schema', 'performance_schema', 'mysql', 'sys']);

export async function mysqlDatabases(
  context: DbAdapterContext,
  tools: MysqlTools,
  options: DbCallOptions = {},
): Promise<string[]> {
  const [set] = await mysqlRows(
    context,
    tools,
    'SELECT schema_name AS name FROM information_schema.schemata ORDER BY 1;',
    {
      ...options,
      what: 'mysql databases',
    },
  );
  return (set?.rows ?? []).map((r) => r[0] ?? '').filter((name) => !SYSTEM.has(name));
}

export async function mysqlTables(
  context: DbAdapterContext,
  tools: MysqlTools,
  options: DbCallOptions & { database?: string } = {},
): Promise<TableInfo[]> {
  const [set] = await mysqlRows(
    context,
    tools,
    "SELECT table_schema, table_name, table_rows FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 2;",
    { ...options, database: mysqlDatabase(context, options.database), what: 'mysql tables' },
  );
  return (set?.rows ?? []).map(([schema, name, rows]) => ({
    schema: schema ?? '',
    name: name ?? '',
    ...(rows === null || rows === undefined ? {} : { rows: Number(rows) }),
  }));
}
