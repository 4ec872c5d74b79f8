import type { ServiceKind } from './compose-project.js';

export interface ServiceKindInputs {
  image?: string | undefined;
  command?: readonly string[] | undefined;
  environment?: Readonly<Record<string, string | null | undefined>>;
  /** Container ports the service publishes or exposes. */
  ports?: readonly number[];
}

/** The repository part of an image reference, without registry, tag or digest: `bitnami/postgresql`. */
function repository(image: string): string {
  const noDigest = image.split('@')[0] ?? '';
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const noTag = colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
  const parts = noTag.toLowerCase().split('/');
  // A first part with a dot, a colon or `localhost` is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) parts.shift();
  return parts.join('/');
}

type Rule = [ServiceKind, RegExp];

/** Image names, by the last path segment (`postgres`, `bitnami/postgresql`, `timescale/timescaledb`). */
const IMAGE_RULES: Rule[] = [
  ['postgres', /^(postgres|postgresql|postgis|timescaledb(-ha)?|pgvector|supabase-postgres)$/],
  ['mariadb', /^mariadb$/],
  ['mysql', /^(mysql|mysql-server|percona(-server)?)$/],
  ['redis', /^(redis|redis-stack(-server)?|valkey|keydb|dragonfly)$/],
  ['mongo', /^(mongo|mongodb(-community-server)?)$/],
  ['sqlite', /^(sqlite3?|litestream)$/],
  ['web', /^(nginx|httpd|apache2?|caddy|traefik|haproxy|node|php|wordpress|ghost|nextcloud|gitea|grafana)$/],
];

/** Environment names that only each database's image reads. */
const ENV_RULES: Array<[ServiceKind, RegExp]> = [
  ['postgres', /^(POSTGRES_(PASSWORD|USER|DB)|PGDATA)$/],
  ['mariadb', /^MARIADB_/],
  ['mysql', /^MYSQL_(ROOT_PASSWORD|DATABASE|USER|PASSWORD)$/],
  ['mongo', /^MONGO_INITDB_/],
  ['redis', /^REDIS_(PASSWORD|ARGS)$/],
];

const COMMAND_RULES: Rule[] = [
  ['postgres', /^(postgres|pg_ctl)$/],
  ['mariadb', /^(mariadbd|mariadb)$/],
  ['mysql', /^mysqld$/],
  ['redis', /^(redis-server|valkey-server)$/],
  ['mongo', /^mongod$/],
  ['sqlite', /^(sqlite3|litestream)$/],
];

const PORT_RULES: Array<[ServiceKind, number[]]> = [
  ['postgres', [5432]],
  ['mysql', [3306]],
  ['redis', [6379]],
  ['mongo', [27017]],
  ['web', [80, 443, 3000, 5000, 8000, 8080, 8443]],
];

/**
 * What a service is, from the strongest sign to the weakest: the image's name, then the
 * command, then environment names only a database image reads, then well-known ports.
 * `other` when nothing matches; a kind is a hint for picking a database adapter, never proof.
 */
export function serviceKind(inputs: ServiceKindInputs): ServiceKind {
  if (inputs.image) {
    const name = repository(inputs.image).split('/').pop() ?? '';
    for (const [kind, rule] of IMAGE_RULES) if (rule.test(name)) return kind;
  }
  const program = (inputs.command?.[0] ?? '').split('/').pop() ?? '';
  for (const [kind, rule] of COMMAND_RULES) if (rule.test(program)) return kind;
  const names = Object.keys(inputs.environment ?? {});
  for (const [kind, rule] of ENV_RULES) if (names.some((n) => rule.test(n))) return kind;
  // An app whose database is a file: `DATABASE_URL=sqlite:///data/app.db`.
  if (Object.values(inputs.environment ?? {}).some((v) => v && /^sqlite3?:/i.test(v))) return 'sqlite';
  for (const [kind, ports] of PORT_RULES) if (inputs.ports?.some((p) => ports.includes(p))) return kind;
  return 'other';
}
