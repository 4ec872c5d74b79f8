import type { DbAdapterFactory } from './db-adapter.js';
import type { DbKind } from './db-kind.js';

/**
 * The adapter of each kind, loaded on first use so that importing this package loads no
 * database code. Each line names the module and its factory export.
 */
const LOADERS: Partial<Record<DbKind, () => Promise<DbAdapterFactory>>> = {
  postgres: async () => (await import('./postgres/postgres-adapter.js')).postgresAdapter,
  mysql: async () => (await import('./mysql/mysql-adapter.js')).mysqlAdapter,
  sqlite: async () => (await import('./sqlite/sqlite-adapter.js')).sqliteAdapter,
  redis: async () => (await import('./redis/redis-adapter.js')).redisAdapter,
  mongo: async () => (await import('./mongo/mongo-adapter.js')).mongoAdapter,
};

/** The factory for `kind`, or undefined when berth has no adapter for it (yet). */
export async function adapterFactory(kind: DbKind): Promise<DbAdapterFactory | undefined> {
  return LOADERS[kind]?.();
}
