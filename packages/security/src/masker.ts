import { isSecretKeyName } from './secret-key.js';

export interface MaskerOptions {
  /** Secret values berth knows (passwords from config, tokens); masked wherever they appear. */
  knownSecrets?: readonly string[];
  /** More key names to treat as secret: a string matches case-insensitively anywhere in the key. */
  extraKeyPatterns?: readonly (string | RegExp)[];
  /**
   * Known secrets shorter than this are masked only by key name, not everywhere: masking every
   * "ab" in a log would make it unreadable. Default 4.
   */
  minSecretLength?: number;
  /** The replacement text. Default `***`. */
  mask?: string;
}

export interface Masker {
  /** Masks known secret values, secret-looking `KEY=value`, `"key": "value"`, `key: value` pairs, URL passwords, bearer tokens and PEM private keys. */
  maskText(text: string): string;
  /** Masks an env list (`K=V` entries): the whole value of a secret-looking key, known secrets elsewhere. */
  maskEnv(entries: readonly string[]): string[];
  /** Masks one value: entirely when `key` looks secret, else the secrets found inside it. */
  maskValue(value: string, key?: string): string;
  /** True when `key` names a secret. */
  isSecretKey(key: string): boolean;
  /** Learns more secret values (e.g. a password read from a container's env). */
  addSecrets(values: readonly string[]): void;
  /**
   * A masker that knows every secret this one knows now, and learns its own from then on
   * without teaching them back: one per call, so learned values do not pile up for good.
   */
  fork(): Masker;
}

// Every quantifier below is bounded or stops at a delimiter, so hostile input stays linear.
const URL_PASSWORD = /([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s:/?#@'"]{0,256}:)([^\s/?#@'"]{1,512})@/g;
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g;
const AUTH_SCHEME = /\b(Bearer|Basic|Token)([ \t]+)([A-Za-z0-9._~+/=-]{8,4096})/g;
// `KEY=value` that starts a line (env listings, .env, `- KEY=value` in compose): value to end of line.
const LINE_ASSIGNMENT =
  /^([ \t]{0,64}(?:-[ \t]{1,8}|export[ \t]{1,8})?)([A-Za-z_][A-Za-z0-9_.-]{0,127})=([^\n]*)$/gm;
// `key=value` inside a line (`--password=x`, `?token=x&`): value to the next delimiter or quote pair.
const INLINE_ASSIGNMENT =
  /([A-Za-z_][A-Za-z0-9_.-]{0,127})=("[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s&;,'"})\]]{1,4096})/g;
// `"KEY=value"` as a JSON string (the `Env` array of docker inspect): the whole string value.
const JSON_ENV_ENTRY = /"([A-Za-z_][A-Za-z0-9_.-]{0,127})=((?:[^"\\\n]|\\.)*)"/g;
// `"key": "value"` (JSON); also numbers.
const JSON_PAIR =
  /"([A-Za-z0-9_.\- ]{1,128})"([ \t]{0,16}:[ \t]{0,16})("(?:[^"\\\n]|\\.)*"|-?[0-9][0-9.eE+-]{0,64})/g;
// `key: value` that starts a line (YAML, HTTP headers, prose).
const LINE_PAIR = /^([ \t]{0,64}(?:-[ \t]{1,8})?)([A-Za-z_][A-Za-z0-9_.-]{0,127}):([ \t]+)([^\n]+)$/gm;

function variants(secret: string): string[] {
  // The raw value, and how it looks inside JSON and inside a URL.
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

export function createMasker(options: MaskerOptions = {}): Masker {
  const mask = options.mask ?? '***';
  const minLength = options.minSecretLength ?? 4;
  const extra = options.extraKeyPatterns ?? [];
  let secrets: string[] = [];
  // The values as given, so a fork starts from the same knowledge.
  const learned = new Set<string>();

  const isSecretKey = (key: string): boolean => isSecretKeyName(key, extra);

  const addSecrets = (values: readonly string[]): void => {
    const all = new Set(secrets);
    for (const value of values) {
      if (value.length < minLength) continue;
      learned.add(value);
      for (const v of variants(value)) all.add(v);
    }
    // Longest first, so a secret that contains another is replaced whole.
    secrets = [...all].sort((a, b) => b.length - a.length);
  };
  addSecrets(options.knownSecrets ?? []);

  const maskKnown = (text: string): string => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(mask);
    return out;
  };

  const maskText = (text: string): string => {
    let out = maskKnown(text);
    out = out.replace(
      PEM_PRIVATE_KEY,
      (_m, kind: string) => `-----BEGIN ${kind}PRIVATE KEY-----${mask}-----END ${kind}PRIVATE KEY-----`,
    );
    out = out.replace(URL_PASSWORD, (_m, head: string) => `${head}${mask}@`);
    out = out.replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${mask}`);
    out = out.replace(LINE_ASSIGNMENT, (m, lead: string, key: string) =>
      isSecretKey(key) ? `${lead}${key}=${mask}` : m,
    );
    out = out.replace(JSON_ENV_ENTRY, (m, key: string) => (isSecretKey(key) ? `"${key}=${mask}"` : m));
    out = out.replace(INLINE_ASSIGNMENT, (m, key: string) => (isSecretKey(key) ? `${key}=${mask}` : m));
    out = out.replace(JSON_PAIR, (m, key: string, colon: string) =>
      isSecretKey(key) ? `"${key}"${colon}"${mask}"` : m,
    );
    out = out.replace(LINE_PAIR, (m, lead: string, key: string, space: string) =>
      isSecretKey(key) ? `${lead}${key}:${space}${mask}` : m,
    );
    return out;
  };

  const maskValue = (value: string, key?: string): string => {
    if (key !== undefined && isSecretKey(key)) return value === '' ? '' : mask;
    return maskText(value);
  };

  const maskEnv = (entries: readonly string[]): string[] =>
    entries.map((entry) => {
      const eq = entry.indexOf('=');
      if (eq <= 0) return maskText(entry);
      const key = entry.slice(0, eq);
      return `${key}=${maskValue(entry.slice(eq + 1), key)}`;
    });

  const fork = (): Masker => createMasker({ ...options, knownSecrets: [...learned] });

  return { maskText, maskEnv, maskValue, isSecretKey, addSecrets, fork };
}
