/**
 * Decides whether a key name (env variable, JSON/YAML key, CLI option) holds a secret.
 *
 * The key is split into words (`DB_PASSWORD` → DB PASSWORD, `apiKey` → api Key). Strong
 * words count wherever they appear, even fused (`PGPASSWORD`); weak words count only as
 * whole words (`AUTH` in `REDIS_AUTH`, not in `GIT_AUTHOR_NAME`). A `KEY` after another
 * word (`STRIPE_KEY`, `ACCESS_KEY_ID`) counts; a bare `key` does not.
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
    if ((word === 'KEY' || word === 'KEYS') && i > 0) return true;
  }
  return false;
}
