/** The database engines berth has adapters for (mariadb is `mysql`). */
export type DbKind = 'postgres' | 'mysql' | 'redis' | 'sqlite' | 'mongo';

export const DB_KINDS: readonly DbKind[] = ['postgres', 'mysql', 'redis', 'sqlite', 'mongo'];

/** A label that names the kind outright, for images no other rule recognises. */
export const DB_KIND_LABEL = 'berth.db.kind';

/** The parts of a container's inspect answer that say which database it runs. */
export interface DbKindClues {
  image: string;
  /** Entrypoint and Cmd, in that order. */
  command: readonly string[];
  /** `KEY=value` entries of the container's Config.Env. */
  env: readonly string[];
  labels: Readonly<Record<string, string>>;
}

export interface DetectedKind {
  kind: DbKind;
  /** Which clue decided, for logs and for a user who wonders why. */
  by: 'label' | 'image' | 'command' | 'env';
}

// Matched against the image's repository name without registry and tag, and against the
// basename of each command word: `bitnami/postgresql:16`, `mariadb:11`, `/usr/sbin/mysqld`.
const NAMES: ReadonlyArray<readonly [RegExp, DbKind]> = [
  [/^(postgres|postgresql|postgis|timescaledb|pgvector|supabase-postgres)\b|^postmaster$/, 'postgres'],
  [/^(mysql|mysqld|mariadb|mariadbd|percona|percona-server)\b/, 'mysql'],
  [/^(redis|redis-server|redis-stack|valkey|valkey-server|keydb|keydb-server)\b/, 'redis'],
  [/^(mongo|mongod|mongodb|jongodb)\b/, 'mongo'],
  [/^(sqlite|sqlite3|litestream)\b/, 'sqlite'],
];

// Env names the official images read, each unique to one engine.
const ENV_PREFIXES: ReadonlyArray<readonly [string, DbKind]> = [
  ['POSTGRES_', 'postgres'],
  ['PGDATA=', 'postgres'],
  ['MYSQL_', 'mysql'],
  ['MARIADB_', 'mysql'],
  ['MONGO_INITDB_', 'mongo'],
  ['REDIS_', 'redis'],
  ['SQLITE_DATABASE=', 'sqlite'],
];

function byName(word: string): DbKind | undefined {
  const name = word.toLowerCase();
  for (const [pattern, kind] of NAMES) if (pattern.test(name)) return kind;
  return undefined;
}

function imageName(image: string): string {
  const withoutDigest = image.split('@')[0] ?? image;
  const last = withoutDigest.split('/').pop() ?? withoutDigest;
  return last.split(':')[0] ?? last;
}

const strategies: ReadonlyArray<(clues: DbKindClues) => DetectedKind | undefined> = [
  (clues) => {
    const named = clues.labels[DB_KIND_LABEL]?.trim().toLowerCase();
    const kind = named === 'mariadb' ? 'mysql' : DB_KINDS.find((k) => k === named);
    return kind ? { kind, by: 'label' } : undefined;
  },
  (clues) => {
    const kind = byName(imageName(clues.image));
    return kind ? { kind, by: 'image' } : undefined;
  },
  (clues) => {
    for (const word of clues.command) {
      const kind = byName(word.split('/').pop() ?? word);
      if (kind) return { kind, by: 'command' };
    }
    return undefined;
  },
  (clues) => {
    // An app that connects to a database carries its env too, but names the host it reaches.
    if (clues.env.some((entry) => /^[A-Z_]*(HOST|URL|URI)=/.test(entry))) return undefined;
    for (const entry of clues.env) {
      const hit = ENV_PREFIXES.find(([prefix]) => entry.startsWith(prefix));
      if (hit) return { kind: hit[1], by: 'env' };
    }
    return undefined;
  },
];

/**
 * Which database a container runs: its `berth.db.kind` label, else its image name, else
 * the programs of its command, else the env names the official images read. The first
 * clue that answers wins; undefined when none does.
 */
export function detectDbKind(clues: DbKindClues): DetectedKind | undefined {
  for (const strategy of strategies) {
    const found = strategy(clues);
    if (found) return found;
  }
  return undefined;
}
