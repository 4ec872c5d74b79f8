// Public API of @berth/db-adapters: open the adapter of a database container, then query,
// back up, restore and read its status through exec in that container.

export { type BackupFile, describeFile, openBackupFile, type WrittenFile } from './backup-file.js';
export {
  type ComposeEnvLookupOptions,
  composeEnvFromHost,
  composeEnvFromSource,
} from './compose-env-lookup.js';
export {
  type CredentialInputs,
  type CredentialSource,
  credentialSecrets,
  type DbCredentials,
  envRecord,
  resolveCredentials,
} from './credentials.js';
export type {
  BackupDestination,
  BackupFormat,
  BackupOptions,
  BackupResult,
  CellValue,
  DbAdapter,
  DbAdapterContext,
  DbAdapterFactory,
  DbCallOptions,
  DbStatus,
  QueryColumn,
  QueryOptions,
  QueryResult,
  RestoreOptions,
  RestorePlan,
  RestoreResult,
  TableInfo,
} from './db-adapter.js';
export { DbError, type DbErrorCode } from './db-error.js';
export { type DbCommand, type DbCommandResult, dbError, runDbCommand, shownText } from './db-exec.js';
export {
  DB_KIND_LABEL,
  DB_KINDS,
  type DbKind,
  type DbKindClues,
  type DetectedKind,
  detectDbKind,
} from './db-kind.js';
export type { MongoBackupOptions } from './mongo/mongo-adapter.js';
export {
  type ComposeContext,
  type ComposeEnvLookup,
  type OpenDbAdapterOptions,
  openDbAdapter,
} from './open-db-adapter.js';
