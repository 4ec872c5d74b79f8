import type { HostEngine } from '@berth/engine';
import type { Masker } from '@berth/security';
import type { Logger } from 'pino';
import type { DbCredentials } from './credentials.js';
import type { DbKind } from './db-kind.js';

/** Signal and deadline every adapter call takes; the bound engine's signal still applies. */
export interface DbCallOptions {
  signal?: AbortSignal;
  /** Deadline of the whole call in milliseconds; each call has a default. */
  timeoutMs?: number;
}

/** One value of a result row: engines' text turned into JSON values where the type says how. */
export type CellValue = string | number | boolean | null;

export interface QueryColumn {
  name: string;
  /** The engine's own type name (`int4`, `VARCHAR`, `INTEGER`), where the engine gives one. */
  type?: string;
}

export interface QueryOptions extends DbCallOptions {
  /** Database to run in (postgres/mysql database name, sqlite file path); default: the credentials'. */
  database?: string;
  /**
   * Default true: the statement is classified first (writes refused with READ_ONLY) and the
   * database itself runs it read-only (read-only transaction or session, sqlite query_only).
   */
  readOnly?: boolean;
  /** Rows kept in `rows` (default 1000); more are counted, not kept. */
  maxRows?: number;
  /** Bytes of result text read from the engine (default 4 MiB); more are dropped, `truncated` says so. */
  maxBytes?: number;
}

export interface QueryResult {
  columns: QueryColumn[];
  rows: CellValue[][];
  /** Rows the engine returned, including any past `maxRows`. */
  rowCount: number;
  /**
   * Rows an INSERT, UPDATE, DELETE (MERGE, REPLACE) changed, as the engine counts them
   * (postgres's command tag, sqlite's changes()). Absent where the engine does not say:
   * reads, DDL, other statements, engines berth cannot ask.
   */
  affectedRows?: number;
  /** True when `maxRows` or `maxBytes` cut the answer. */
  truncated: boolean;
  /** A compact, masked text table of `rows` for a model to read. */
  text: string;
}

/** The dump formats berth knows, by engine. */
export type BackupFormat =
  | 'pg-custom'
  | 'pg-plain'
  | 'mysql-sql'
  | 'sqlite'
  | 'redis-rdb'
  | 'mongo-archive'
  | 'mongo-export';

/** A file where berth runs; `path` must resolve (symlinks followed) inside `root`. */
export interface BackupDestination {
  root: string;
  path: string;
}

export interface BackupOptions extends DbCallOptions {
  /** Database to dump (default: the credentials'); ignored by engines with one data set. */
  database?: string;
  /** Default: the engine's first format (pg-custom, mysql-sql, sqlite, redis-rdb, mongo-archive). */
  format?: BackupFormat;
  /** Replace an existing file at the destination (default false: CONFLICT). */
  overwrite?: boolean;
}

export interface BackupResult {
  kind: DbKind;
  format: BackupFormat;
  database?: string;
  /** The file written, symlinks resolved. */
  path: string;
  bytes: number;
  /** Hex sha256 of the file, computed while it streamed. */
  sha256: string;
  durationMs: number;
}

export interface RestoreOptions extends DbCallOptions {
  database?: string;
  /** The backup's format; default: read from the file's first bytes, else the engine's first format. */
  format?: BackupFormat;
  /**
   * Where the safety backup of the current state goes before anything is changed, or
   * `false` to skip it (the caller said so). Required unless false.
   */
  safetyBackup: BackupDestination | false;
}

/** What a restore will do, for the tool layer to show and bind a confirmation to. */
export interface RestorePlan {
  kind: DbKind;
  container: string;
  database?: string;
  format: BackupFormat;
  source: { path: string; bytes: number; sha256: string };
  /** Where the current state will be saved first; absent when skipped. */
  safetyBackup?: string;
  /** The steps in order, one short sentence each. */
  steps: string[];
}

export interface RestoreResult {
  plan: RestorePlan;
  safetyBackup?: BackupResult;
  /** What was checked after the restore: a fingerprint of the contents of each table, or counts. */
  verified: { tables: number; rows: number; fingerprint: string };
  durationMs: number;
}

export interface DbStatus {
  kind: DbKind;
  version: string;
  /** Bytes on disk of the current database (or all data where the engine has one set). */
  sizeBytes?: number;
  connections?: number;
  maxConnections?: number;
  role?: 'primary' | 'replica' | 'standalone';
  uptimeSeconds?: number;
  /** Engine-specific figures (replication lag, cache hits), masked. */
  details: Record<string, CellValue>;
}

export interface TableInfo {
  /** Schema (postgres), database (mysql), or absent. */
  schema?: string;
  name: string;
  /** Row estimate where the engine keeps one cheaply; exact count otherwise absent. */
  rows?: number;
}

/**
 * One database in one container, reached through exec in that container (so SSH hosts
 * work as local ones do). Every call runs argv, passes passwords through the exec
 * environment or stdin, checks exit codes and throws DbError with the engine's own
 * message, masked.
 */
export interface DbAdapter {
  readonly kind: DbKind;
  /** The container id. */
  readonly container: string;
  query(sql: string, options?: QueryOptions): Promise<QueryResult>;
  /** Streams a dump to a file (temp file + rename), never holding it whole in memory. */
  backup(destination: BackupDestination, options?: BackupOptions): Promise<BackupResult>;
  /** Checks the source and the container and says what restore would do; changes nothing. */
  planRestore(source: BackupDestination, options: RestoreOptions): Promise<RestorePlan>;
  /** Runs a plan: safety backup, streamed restore into the running container, verification. */
  restore(plan: RestorePlan, options: RestoreOptions): Promise<RestoreResult>;
  status(options?: DbCallOptions): Promise<DbStatus>;
  listDatabases(options?: DbCallOptions): Promise<string[]>;
  listTables(options?: DbCallOptions & { database?: string }): Promise<TableInfo[]>;
}

/** What an adapter is built from: the container, reached through a bound engine. */
export interface DbAdapterContext {
  engine: HostEngine;
  /** Container id (resolved from a name by `openDbAdapter`). */
  container: string;
  credentials: DbCredentials;
  /** Knows every credential berth read; all output and errors go through it. */
  masker: Masker;
  logger: Logger;
}

/** Builds the adapter of one engine kind; registered in `adapter-registry.ts`. */
export type DbAdapterFactory = (context: DbAdapterContext) => DbAdapter;
