import type { DbAdapter } from '@berth/db-adapters';
import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import { resourceRef } from './refs.js';
import { withSuggestions } from './resource-kind.js';

// Spelled out rather than imported: @berth/db-adapters loads on the first db call only.
export const dbKindParam = z
  .enum(['postgres', 'mysql', 'redis', 'sqlite', 'mongo'])
  .optional()
  .describe('Database engine (default: detected; mariadb is mysql)');

/** A database (postgres/mysql name, sqlite file path in the container); the adapter passes it as data. */
export const databaseParam = z
  .string()
  .min(1)
  .max(1_024)
  .refine((v) => !/[\0\r\n]/.test(v), 'database: no NUL or newline')
  .optional()
  .describe("Database (sqlite: file path); default: the container's own");

/** The text of a statement or command; the same param in db_read and db_admin. */
export const statementParam = z
  .string()
  .min(1)
  .max(1_000_000)
  .describe('SQL (redis: a command line; mongo: a command document as JSON)');

/** How a db call names its database: the container, and optionally its kind and database. */
export const dbRef = {
  container: resourceRef('container').describe('Container name or id'),
  kind: dbKindParam,
  database: databaseParam,
};

export interface DbRef {
  container: string;
  kind?: 'postgres' | 'mysql' | 'redis' | 'sqlite' | 'mongo' | undefined;
  database?: string | undefined;
}

/** Time the adapter's engine outlives a cancel: enough to cancel the statement on the server. */
export const CANCEL_GRACE_MS = 30_000;

/** A signal that fires `ms` after `signal` does. */
function outliving(signal: AbortSignal, ms: number): AbortSignal {
  const grace = new AbortController();
  const later = () => setTimeout(() => grace.abort(signal.reason), ms).unref();
  if (signal.aborted) later();
  else signal.addEventListener('abort', later, { once: true });
  return grace.signal;
}

/**
 * The adapter of the database in the named container, with the call's masker (it learns
 * every credential read, so the runner masks them in answers) and logger. A name that is
 * no container gets the close names; db code loads here, never at server start.
 *
 * Each adapter call takes the call's signal, but the engine under the adapter outlives a
 * cancel by `graceMs`: a cancelled statement is then ended on the server (an exec cannot be
 * killed), and a failed restore can load its safety backup back.
 */
export async function openDb(call: HostCall, ref: DbRef, graceMs = CANCEL_GRACE_MS): Promise<DbAdapter> {
  const [{ openDbAdapter }, { engine }] = await Promise.all([
    import('@berth/db-adapters'),
    call.hostEngine(call.host.name, { signal: outliving(call.signal, graceMs) }),
  ]);
  return withSuggestions('container', ref.container, call, () =>
    openDbAdapter(engine, ref.container, {
      masker: call.masker,
      logger: call.logger,
      signal: call.signal,
      ...(ref.kind ? { kind: ref.kind } : {}),
    }),
  );
}

/** Audit target of a db call: never a statement (it may quote a secret), only names. */
export function dbTarget(ref: DbRef): string {
  return ref.database ? `${ref.container} ${ref.database}` : ref.container;
}
