/**
 * Decides whether a key name (env variable, JSON/YAML key, CLI option) holds a secret.
 *
 * The key is split into words (`DB_PASSWORD` → DB PASSWORD, `apiKey` → api Key). Strong
 * words count wherever they appear, even fused (`PGPASSWORD`); weak words count only as
 * whole words (`AUTH` in `REDIS_AUTH`, not in `GIT_AUTHOR_NAME`). A `KEY` after another
 * word (`STRIPE_KEY`, `ACCESS_KEY_ID`) counts; a bare `key` does not, nor one that a word
 * after it describes (`hostKeyPolicy`, `PRIVATE_KEY_FILE`: a setting or a path, not the
 * key) or a database's `primaryKey`.
 */
const STRONG = [
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'APIKEY',
  'PRIVATEKEY',
  'ACCESSKEY',
  'CREDENTIAL',
];
const WEAK = new Set([
  'PASS',
  'PWD',
  'PW',
  // A personal access token (`GITHUB_PAT`), and the URL of a webhook, which is its own credential.
  'PAT',
  'WEBHOOK',
  'AUTH',
  'OAUTH',
  'AUTHORIZATION',
  'COOKIE',
  'CREDS',
  'DSN',
  'JWT',
  'BEARER',
  'HTPASSWD',
  'SALT',
]);
/** Words after `KEY` that make the name about the key (its policy, file, type), not the key itself. */
const ABOUT_KEY = new Set([
  'POLICY',
  'CHECKING',
  'FILE',
  'FILES',
  'PATH',
  'DIR',
  'NAME',
  'TYPE',
  'TYPES',
  'ALGORITHM',
  'ALGORITHMS',
  'FORMAT',
  'FINGERPRINT',
  'SIZE',
  'BITS',
]);
/** Words before `KEY` that name a database's keys: column names, not credentials. */
const TABLE_KEY = new Set(['PRIMARY', 'FOREIGN', 'SORT', 'PARTITION']);
/** Shell variables whose names look secret but are not. */
const NOT_SECRET = new Set(['PWD', 'OLDPWD']);

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toUpperCase());
}

export function isSecretKeyName(key: string, extra: readonly (string | RegExp)[] = []): boolean {
  for (const pattern of extra) {
    if (typeof pattern === 'string' ? key.toLowerCase().includes(pattern.toLowerCase()) : pattern.test(key)) {
      return true;
    }
  }
  if (NOT_SECRET.has(key.toUpperCase())) return false;
  const parts = words(key);
  for (const [i, word] of parts.entries()) {
    if (WEAK.has(word)) return true;
    if (STRONG.some((strong) => word.includes(strong))) return true;
    if ((word === 'KEY' || word === 'KEYS') && i > 0) {
      const before = parts[i - 1] as string;
      const after = parts[i + 1];
      if (!TABLE_KEY.has(before) && (after === undefined || !ABOUT_KEY.has(after))) return true;
    }
  }
  return false;
}
