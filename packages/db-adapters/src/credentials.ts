import type { DbKind } from './db-kind.js';

/** Where a credential came from, first source that had it. */
export type CredentialSource = 'container-env' | 'compose' | 'dotenv' | 'default';

/** What berth uses to log in to a database; passwords only ever travel in exec env or stdin. */
export interface DbCredentials {
  user?: string;
  password?: string;
  /** A file in the container holding the password (`POSTGRES_PASSWORD_FILE`), read on open. */
  passwordFile?: string;
  /** Database name (sqlite: the database file's path in the container). */
  database?: string;
  /** Which source gave each field that is set. */
  sources: Partial<Record<'user' | 'password' | 'passwordFile' | 'database', CredentialSource>>;
}

/** The env a database's container runs with, in the order berth trusts it. */
export interface CredentialInputs {
  /** `KEY=value` entries of the container's Config.Env (what the process really has). */
  containerEnv: readonly string[];
  /** The compose service's `environment`, interpolated (when the container belongs to a project). */
  composeEnv?: Readonly<Record<string, string>>;
  /** The project's `.env` file. */
  dotEnv?: Readonly<Record<string, string>>;
}

interface KeySet {
  user: readonly string[];
  password: readonly string[];
  passwordFile: readonly string[];
  database: readonly string[];
  defaultUser?: string;
}

/**
 * The env names the official images read, most privileged account first: a root password
 * lets backup and status see everything, so mysql's root wins over MYSQL_USER.
 */
const KEYS: Record<DbKind, KeySet> = {
  postgres: {
    user: ['POSTGRES_USER', 'PGUSER'],
    password: ['POSTGRES_PASSWORD', 'PGPASSWORD'],
    passwordFile: ['POSTGRES_PASSWORD_FILE'],
    database: ['POSTGRES_DB', 'PGDATABASE'],
    defaultUser: 'postgres',
  },
  mysql: {
    user: [],
    password: ['MARIADB_ROOT_PASSWORD', 'MYSQL_ROOT_PASSWORD'],
    passwordFile: ['MARIADB_ROOT_PASSWORD_FILE', 'MYSQL_ROOT_PASSWORD_FILE'],
    database: ['MARIADB_DATABASE', 'MYSQL_DATABASE'],
    defaultUser: 'root',
  },
  redis: {
    user: ['REDIS_USERNAME', 'REDIS_USER'],
    password: ['REDIS_PASSWORD'],
    passwordFile: ['REDIS_PASSWORD_FILE'],
    database: [],
  },
  sqlite: { user: [], password: [], passwordFile: [], database: ['SQLITE_DATABASE'] },
  mongo: {
    user: ['MONGO_INITDB_ROOT_USERNAME'],
    password: ['MONGO_INITDB_ROOT_PASSWORD'],
    passwordFile: ['MONGO_INITDB_ROOT_PASSWORD_FILE'],
    database: ['MONGO_INITDB_DATABASE'],
  },
};

/** mysql without a root password: the application account, if the image created one. */
const MYSQL_APP_USER = {
  user: ['MARIADB_USER', 'MYSQL_USER'],
  password: ['MARIADB_PASSWORD', 'MYSQL_PASSWORD'],
  passwordFile: ['MARIADB_PASSWORD_FILE', 'MYSQL_PASSWORD_FILE'],
} as const;

/** Parses `KEY=value` entries; the first `=` splits, so values may hold `=`. */
export function envRecord(entries: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at > 0) out[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return out;
}

type Layer = readonly [CredentialSource, Readonly<Record<string, string>>];

function firstOf(layers: readonly Layer[], keys: readonly string[]) {
  for (const [source, env] of layers) {
    for (const key of keys) {
      const value = env[key];
      if (value !== undefined && value !== '') return { value, source };
    }
  }
  return undefined;
}

/**
 * The credentials of a `kind` database from the env its container runs with: the
 * container's own env first (what the server was really started with), then the compose
 * service's environment, then the project's `.env`. Each field comes from the first source
 * that has it; a plain container without a compose project needs only `containerEnv`.
 */
export function resolveCredentials(kind: DbKind, inputs: CredentialInputs): DbCredentials {
  const layers: Layer[] = [['container-env', envRecord(inputs.containerEnv)]];
  if (inputs.composeEnv) layers.push(['compose', inputs.composeEnv]);
  if (inputs.dotEnv) layers.push(['dotenv', inputs.dotEnv]);
  let keys: KeySet = KEYS[kind];
  if (kind === 'mysql' && !firstOf(layers, [...keys.password, ...keys.passwordFile])) {
    const app = firstOf(layers, MYSQL_APP_USER.user);
    if (app) keys = { ...keys, ...MYSQL_APP_USER, defaultUser: undefined };
  }
  const credentials: DbCredentials = { sources: {} };
  for (const field of ['user', 'password', 'passwordFile', 'database'] as const) {
    const found = firstOf(layers, keys[field]);
    if (found) {
      credentials[field] = found.value;
      credentials.sources[field] = found.source;
    }
  }
  if (credentials.user === undefined && keys.defaultUser) {
    credentials.user = keys.defaultUser;
    credentials.sources.user = 'default';
  }
  // The official postgres image names the default database after the user.
  if (kind === 'postgres' && credentials.database === undefined && credentials.user) {
    credentials.database = credentials.user;
    credentials.sources.database = 'default';
  }
  return credentials;
}

/** The secret values of a credential set, for a masker to learn. */
export function credentialSecrets(credentials: DbCredentials): string[] {
  return credentials.password ? [credentials.password] : [];
}
