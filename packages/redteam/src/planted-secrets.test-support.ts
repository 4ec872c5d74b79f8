/**
 * Secrets of every kind berth must never let out, planted in a container: env values under
 * secret-looking keys, token-shaped values under harmless keys, secret flags on a command
 * line, `token: X` / `password: X` / `Cookie:` lines and URL passwords printed to stdout and
 * stderr, labels; and a scanner that finds any of them in any text berth produced.
 */

/** `seed` repeated to exactly `n` characters (token formats fix their lengths). */
const fill = (seed: string, n: number) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
const base64url = (text: string) => Buffer.from(text).toString('base64url');

export interface Planted {
  /** What kind of secret it is and where it was planted. */
  name: string;
  value: string;
  /** The parts that must never appear (default: the value). */
  needles?: readonly string[];
}

const pemLines = (seed: string) => [`MIIEpAIBAAKCAQEA${fill(seed, 48)}`, `${fill(`${seed}Two`, 64)}`];
const ENV_PEM_BODY = pemLines('RtEnvPemBodyQz');
const PRINTED_PEM_BODY = pemLines('RtLogPemBodyWx');
const pem = (body: readonly string[]) =>
  ['-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY-----'].join('\n');

/** Values of env keys that look secret: masked by key, learned before any output leaves. */
export const ENV_SECRETS = {
  API_TOKEN: 'rt-api-token-Vq3Lx9Pz',
  DB_PASSWORD: 'rt-db-pass-W8kN2mQe',
  MYSQL_PWD: 'rt-mysql-pwd-J4hT7cRa',
  ROOT_PW: 'rt-root-pw-Z6bY1uKs',
  GITHUB_PAT: `ghp_${fill('RtGhPat7x', 36)}`,
  SLACK_WEBHOOK_URL: `https://hooks.slack.com/services/T0RT0RT0R/B0RT0RT0R/${fill('RtSlackHook9', 24)}`,
  AWS_SECRET_ACCESS_KEY: fill('rtAwsSecretKey0/+', 40),
  NPM_TOKEN: `npm_${fill('RtNpmTok3n', 36)}`,
  STRIPE_KEY: `sk_live_${fill('RtStripe51', 24)}`,
  SESSION_COOKIE: 'rt-sess-cookie-Hq5Dw',
  TLS_PRIVATE_KEY: pem(ENV_PEM_BODY),
} as const;

/** Token-shaped values under keys that look harmless: only their format gives them away. */
export const PATTERN_SECRETS = {
  CI_NOTE: `glpat-${fill('RtGitLab8', 20)}`,
  DEPLOY_HINT: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${base64url('{"sub":"berth-redteam-jwt"}')}.${fill('RtJwtSig4', 43)}`,
  REMOTE_ID: `AKIA${fill('RTREDTEAM2', 16)}`,
  CHAT_BOT: `xoxb-123456789012-123456789012-${fill('RtSlackBot', 24)}`,
  CLONE_WITH: `github_pat_${fill('RtFineGrained', 22)}_${fill('RtFinePat59', 59)}`,
} as const;

/** The password of a URL under a harmless key; it holds `/` and `@`. */
export const URL_PASSWORD = 'rt/url@pw-Xk2';

/** Secret flags on the container's own command line (info cmd, top). */
export const FLAG_SECRETS = {
  mysqlP: 'rtMysqlDashP7',
  password: 'rt-flag-pass-N3',
  token: 'rt-flag-token-F8',
  apiKeyEq: 'rt-flag-apikey-E2',
  passwordEq: 'rt-flag-pw-eq-G5',
} as const;

/** Secret flags of an exec (its argv is in the engine's exec_create event). */
export const EXEC_SECRETS = {
  mysqlP: 'rtExecDashP4',
  password: 'rt-exec-pass-M9',
  token: 'rt-exec-token-L1',
};

/** Values only ever printed, built at run time so the command line never holds them whole. */
export const PRINTED_SECRETS = {
  token: 'rt-out-token-S4',
  password: 'rt-err-pass-T6',
  cookie: 'rt-out-cookie-U2',
  setCookie: 'rt-set-cookie-C3',
  urlPassword: 'rt/out@pw-V7',
  midLinePassword: 'rt-mid-pass-W5',
  jsonApiKey: 'rt-json-apikey-Y1',
  bearer: 'rtBearerTok3n99xyz',
  ansiToken: 'rt-ansi-token-A8',
} as const;

export const LABEL_SECRETS = {
  token: 'rt-label-token-B4',
  urlPassword: 'rt-label-urlpw-K8',
  flag: 'rt-label-flag-P2',
  inline: 'rt-label-inline-Q3',
} as const;

/** A label filter `token=X` of a prune: it lands in the audit log's target. */
export const AUDIT_LABEL_SECRET = 'rt-audit-label-R6';

export const PLANTED: readonly Planted[] = [
  ...Object.entries(ENV_SECRETS).map(([key, value]) => ({
    name: `env ${key}`,
    value,
    ...(key === 'TLS_PRIVATE_KEY' ? { needles: ENV_PEM_BODY } : {}),
    ...(key === 'SLACK_WEBHOOK_URL' ? { needles: [value.slice(-24)] } : {}),
  })),
  ...Object.entries(PATTERN_SECRETS).map(([key, value]) => ({ name: `token format in env ${key}`, value })),
  { name: 'URL password with / and @ in env DATABASE_URL', value: URL_PASSWORD },
  ...Object.entries(FLAG_SECRETS).map(([flag, value]) => ({ name: `cmd flag ${flag}`, value })),
  ...Object.entries(EXEC_SECRETS).map(([flag, value]) => ({ name: `exec argv flag ${flag}`, value })),
  ...Object.entries(PRINTED_SECRETS).map(([line, value]) => ({ name: `printed ${line}`, value })),
  { name: 'printed PEM private key', value: PRINTED_PEM_BODY.join('\n'), needles: PRINTED_PEM_BODY },
  ...Object.entries(LABEL_SECRETS).map(([label, value]) => ({ name: `label ${label}`, value })),
  { name: 'audit target label filter', value: AUDIT_LABEL_SECRET },
];

/** The container's environment: secret keys, then harmless keys holding tokens, then a URL. */
export function plantedEnv(): Record<string, string> {
  return {
    ...ENV_SECRETS,
    ...PATTERN_SECRETS,
    DATABASE_URL: `mysql://app:${URL_PASSWORD}@db:3306/app`,
    PLAIN_SETTING: 'visible-value',
  };
}

export function plantedLabels(): Record<string, string> {
  return {
    'com.example.api-token': LABEL_SECRETS.token,
    'com.example.db-url': `postgres://app:${LABEL_SECRETS.urlPassword}@db/app`,
    'com.example.args': `--password ${LABEL_SECRETS.flag}`,
    'com.example.note': `token=${LABEL_SECRETS.inline}`,
  };
}

/** `v` as two adjacent single-quoted halves: the shell joins them, a scan of the script sees neither whole. */
const split = (v: string) => `'${v.slice(0, 4)}''${v.slice(4)}'`;

/** /tmp/print.sh: every printed kind, on stdout and stderr. */
function printScript(): string {
  const p = PRINTED_SECRETS;
  return [
    `printf '%s\\n' "token: "${split(p.token)}`,
    `printf '%s\\n' "password: "${split(p.password)} >&2`,
    `printf '%s\\n' "Cookie: session="${split(p.cookie)}"; theme=dark"`,
    `printf '%s\\n' "Set-Cookie: sid="${split(p.setCookie)}"; Path=/; HttpOnly" >&2`,
    `printf '%s\\n' "connecting to postgres://app:"${split(p.urlPassword)}"@db:5432/app"`,
    `printf '%s\\n' "2024-05-01T10:00:00Z INFO login ok password: "${split(p.midLinePassword)}" user=ada"`,
    `printf '%s\\n' '{"level":"info","api_key":"'${split(p.jsonApiKey)}'","msg":"ready"}'`,
    `printf '%s\\n' "calling api with Authorization: Bearer "${split(p.bearer)}`,
    `printf '\\033[1;31mtoken: %s\\033[0m\\n' ${split(p.ansiToken)}`,
    `printf '%s\\n' '-----BEGIN RSA PRIVATE KEY-----' ${PRINTED_PEM_BODY.map(split).join(' ')} '-----END RSA PRIVATE KEY-----'`,
    `printf '%s\\n' "api token is $API_TOKEN" "mysql $MYSQL_PWD root $ROOT_PW"`,
    `printf '%s\\n' "db password $DB_PASSWORD" >&2`,
    `printf '%s\\n' "clone with $GITHUB_PAT and $CLONE_WITH" "notify $SLACK_WEBHOOK_URL"`,
    `printf '%s\\n' "aws $REMOTE_ID $AWS_SECRET_ACCESS_KEY" "npm $NPM_TOKEN stripe $STRIPE_KEY"`,
    `printf '%s\\n' "gitlab $CI_NOTE bot $CHAT_BOT" "jwt $DEPLOY_HINT" "db $DATABASE_URL"`,
    `printf '%s\\n' "cookie $SESSION_COOKIE"`,
    `printf '%s\\n' "$TLS_PRIVATE_KEY"`,
    `printf '%s\\n' print-done`,
  ].join('\n');
}

/** Pretends to be a mysql client: with `serve` it stays up (for top), otherwise it exits. */
const MYSQL_SCRIPT = '#!/bin/sh\n[ "$1" = serve ] && sleep 600\nexit 0\n';

/**
 * The container's command: writes /tmp/print.sh and /tmp/mysql, prints every kind once (its
 * logs), starts `/tmp/mysql serve` with secret flags (top, info cmd) and stays up.
 */
export function plantedCmd(): string[] {
  const f = FLAG_SECRETS;
  const script = [
    `cat > /tmp/print.sh <<'EOF'\n${printScript()}\nEOF`,
    `printf '%s' '${MYSQL_SCRIPT}' > /tmp/mysql`,
    'chmod +x /tmp/print.sh /tmp/mysql',
    'sh /tmp/print.sh',
    `/tmp/mysql serve -uroot -p${f.mysqlP} --password ${f.password} --token ${f.token} --api-key=${f.apiKeyEq} --password=${f.passwordEq} &`,
    'exec sleep 600',
  ].join('\n');
  return ['sh', '-c', script];
}

/** The exec whose argv carries secret flags (the container's /tmp/mysql exits at once). */
export function plantedExecArgv(): string[] {
  const e = EXEC_SECRETS;
  return ['/tmp/mysql', '-uroot', `-p${e.mysqlP}`, '--password', e.password, '--token', e.token];
}

/** Forms a value takes inside berth's answers: raw, JSON-escaped, URL-encoded. */
function forms(needle: string): string[] {
  return [...new Set([needle, JSON.stringify(needle).slice(1, -1), encodeURIComponent(needle)])];
}

/** Long base64url runs decoded (paging cursors carry row keys that way). */
function decodedRuns(text: string): string {
  const runs = text.match(/[A-Za-z0-9_-]{24,}/g) ?? [];
  return runs.map((run) => Buffer.from(run, 'base64url').toString('utf8')).join('\n');
}

export interface Leak {
  secret: string;
  where: string;
}

/** Every planted secret found in `text`, in any of its forms, `where` naming the source. */
export function findLeaks(text: string, where: string, planted: readonly Planted[] = PLANTED): Leak[] {
  const haystack = `${text}\n${decodedRuns(text)}`;
  return planted
    .filter((p) => (p.needles ?? [p.value]).some((n) => forms(n).some((f) => haystack.includes(f))))
    .map((p) => ({ secret: p.name, where }));
}
