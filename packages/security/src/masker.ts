import { maskDatabaseDirectives } from './database-directives.js';
import { maskKeyedValues } from './keyed-values.js';
import { maskPrivateKeyBlocks, maskPrivateKeyLines } from './private-key-blocks.js';
import { maskArgvSecrets, maskSecretFlags } from './secret-flags.js';
import { isSecretKeyName } from './secret-key.js';
import { maskSecretPatterns } from './secret-patterns.js';

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
  /**
   * Masks known secret values, credentials recognisable by format (GitHub, GitLab, Slack,
   * AWS, Stripe, npm, Google keys, JWTs, PEM private keys), the values of secret-looking
   * keys (`KEY=value`, `key: value`, `"key": "value"`, anywhere in a line) and flags
   * (`--password x`, mysql's `-px`), URL passwords and bearer tokens.
   */
  maskText(text: string): string;
  /** `maskText` for each line of an output split into lines, a private key spread over lines included. */
  maskLines(lines: readonly string[]): string[];
  /** Masks a command's argv: the element after `--password`, after `--token=`, after mysql's `-p`. */
  maskArgv(argv: readonly string[]): string[];
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

// Every quantifier below is bounded or stops at a delimiter, and each start is anchored,
// so hostile input stays linear.
// `scheme://user:password@`: the password runs to the last `@` before a blank, quote, `?`
// or `#`, so one holding `/` or `@` (`mysql://u:pa/ss@h`) is masked whole.
const URL_PASSWORD =
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s:/?#@'"]{0,256}:)([^\s?#'"]{1,256})@/g;
// `host:8080/path?x=a@b` is a port and a path, not a password.
const PORT_AND_PATH = /^[0-9]{1,5}(?:\/|$)/;
const AUTH_SCHEME = /\b(Bearer|Basic|Token)([ \t]{1,16})([A-Za-z0-9._~+/=-]{8,4096})/g;
// `KEY=value` that starts a line (env listings, .env, `- KEY=value` in compose): value to end of line.
const LINE_ASSIGNMENT =
  /^([ \t]{0,64}(?:-[ \t]{1,8}|export[ \t]{1,8})?)([A-Za-z_][A-Za-z0-9_.-]{0,127})=([^\n]*)$/gm;
// `"KEY=value"` as a JSON string (the `Env` array of docker inspect): the whole string value.
const JSON_ENV_ENTRY = /(?<!\\)"([A-Za-z_][A-Za-z0-9_.-]{0,127})=((?:[^"\\\n]|\\.){0,65536})"/g;
// `"key": "value"` (JSON), keys with blanks included; also numbers.
const JSON_PAIR =
  /(?<!\\)"([A-Za-z0-9_.\- ]{1,128})"([ \t]{0,16}:[ \t]{0,16})("(?:[^"\\\n]|\\.){0,65536}"|-?[0-9][0-9.eE+-]{0,64})/g;
// `key: value` that starts a line (YAML, HTTP headers, `> Cookie:` of curl -v, prose): value to end of line.
const LINE_PAIR =
  /^([ \t]{0,64}(?:[-*<>][ \t]{1,8})?)([A-Za-z_][A-Za-z0-9_.-]{0,127}):([ \t]{1,16})([^\n]+)$/gm;

/** Lines of a multi-line secret long enough to be one on their own (PEM headers are not). */
const secretLines = (secret: string) =>
  secret.includes('\n') ? secret.split(/\r?\n/).filter((l) => l.length >= 8 && !l.startsWith('-----')) : [];

function variants(secret: string): string[] {
  // The raw value, and how it looks inside JSON and inside a URL; for a multi-line value
  // also each line, since output split into lines (logs) shows it a line at a time.
  const forms = [secret, ...secretLines(secret)];
  return [...new Set(forms.flatMap((v) => [v, JSON.stringify(v).slice(1, -1), encodeURIComponent(v)]))];
}

export function createMasker(options: MaskerOptions = {}): Masker {
  const mask = options.mask ?? '***';
  const minLength = options.minSecretLength ?? 4;
  const extra = options.extraKeyPatterns ?? [];
  let secrets: string[] = [];
  // The values as given, so a fork starts from the same knowledge.
  const learned = new Set<string>();

  // Output repeats its keys (every log line's `level=`): decide each key once.
  const decided = new Map<string, boolean>();
  const isSecretKey = (key: string): boolean => {
    let secret = decided.get(key);
    if (secret === undefined) {
      secret = isSecretKeyName(key, extra);
      if (decided.size < 4_096) decided.set(key, secret);
    }
    return secret;
  };

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
    out = maskPrivateKeyBlocks(out, mask);
    out = maskSecretPatterns(out, mask);
    out = out.replace(URL_PASSWORD, (m, head: string, password: string) =>
      PORT_AND_PATH.test(password) ? m : `${head}${mask}@`,
    );
    out = out.replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${mask}`);
    out = out.replace(LINE_ASSIGNMENT, (m, lead: string, key: string) =>
      isSecretKey(key) ? `${lead}${key}=${mask}` : m,
    );
    out = out.replace(JSON_ENV_ENTRY, (m, key: string) => (isSecretKey(key) ? `"${key}=${mask}"` : m));
    out = out.replace(JSON_PAIR, (m, key: string, colon: string) =>
      isSecretKey(key) ? `"${key}"${colon}"${mask}"` : m,
    );
    out = out.replace(LINE_PAIR, (m, lead: string, key: string, space: string) =>
      isSecretKey(key) ? `${lead}${key}:${space}${mask}` : m,
    );
    out = maskKeyedValues(out, isSecretKey, mask);
    out = maskDatabaseDirectives(out, mask);
    return maskSecretFlags(out, isSecretKey, mask);
  };

  const maskLines = (lines: readonly string[]): string[] => maskPrivateKeyLines(lines.map(maskText), mask);

  const maskArgv = (argv: readonly string[]): string[] => maskArgvSecrets(argv, isSecretKey, mask, maskText);

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

  return { maskText, maskLines, maskArgv, maskEnv, maskValue, isSecretKey, addSecrets, fork };
}
