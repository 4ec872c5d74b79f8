import { valueAt } from './quoted-value.js';

type IsSecretKey = (key: string) => boolean;

/** `--password value`, `-token value`: a flag, then its value after blanks (not another flag). */
const FLAG_THEN_VALUE = /(?<![A-Za-z0-9_.-])-{1,2}([A-Za-z][A-Za-z0-9_.-]{0,127})[ \t]{1,16}(?=[^\s-])/g;
/** A mysql-family client (mysql, mysqldump, mariadb-admin, ...) named in a command line. */
const MYSQL_IN_LINE = /(?:^|[\s/"'=])(?:mysql|mariadb)[a-z_-]{0,24}(?![A-Za-z0-9_.])/;
const MYSQL_ARG = /(?:^|\/)(?:mysql|mariadb)[a-z_-]{0,24}$/;
/** `-pSECRET`: for mysql clients a password glued to `-p` (`-p value` is a prompt and a database). */
const DASH_P = /(?<![A-Za-z0-9_.-])-p([^\s"']{1,4096})/g;
/** One whole flag element of an argv: dashes, name, and `=` when a value is glued on. */
const FLAG_ARG = /^-{1,2}([A-Za-z][A-Za-z0-9_.-]{0,127})(=?)/;

const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function eachSecretFlagValue(
  text: string,
  isSecretKey: IsSecretKey,
  found: (start: number, end: number) => void,
): void {
  FLAG_THEN_VALUE.lastIndex = 0;
  for (let m = FLAG_THEN_VALUE.exec(text); m; m = FLAG_THEN_VALUE.exec(text)) {
    if (!isSecretKey(m[1] ?? '')) continue;
    const value = valueAt(text, m.index + m[0].length, isBlank);
    if (!value) continue;
    found(value.start, value.end);
    FLAG_THEN_VALUE.lastIndex = value.end;
  }
}

/**
 * Masks what follows a secret-looking flag in a command line (`--password x`, `--token
 * "x y"`), and `-px` on lines that run a mysql client. `--flag=value` is a key-value pair
 * and masked as one.
 */
export function maskSecretFlags(text: string, isSecretKey: IsSecretKey, mask: string): string {
  let out = '';
  let last = 0;
  eachSecretFlagValue(text, isSecretKey, (start, end) => {
    out += `${text.slice(last, start)}${mask}`;
    last = end;
  });
  out += text.slice(last);
  if (!out.includes('-p')) return out;
  return out.replace(/[^\n]+/g, (line) =>
    MYSQL_IN_LINE.test(line) ? line.replace(DASH_P, `-p${mask}`) : line,
  );
}

/**
 * Where the secrets of an argv are: element index → offset where its secret starts (the
 * element after `--password`, the part after `--token=`, the part after `-p` of a mysql
 * client).
 */
function argvSecretOffsets(argv: readonly string[], isSecretKey: IsSecretKey): Map<number, number> {
  const offsets = new Map<number, number>();
  const mysql = argv.some((arg) => MYSQL_ARG.test(arg));
  for (const [i, arg] of argv.entries()) {
    if (mysql && arg.length > 2 && arg.startsWith('-p') && arg[2] !== '-') {
      offsets.set(i, 2);
      continue;
    }
    const flag = FLAG_ARG.exec(arg);
    if (!flag || !isSecretKey(flag[1] ?? '')) continue;
    const next = argv[i + 1];
    if (flag[2] === '=' && arg.length > flag[0].length) offsets.set(i, flag[0].length);
    else if (arg === flag[0] && next !== undefined && next !== '' && !next.startsWith('-'))
      offsets.set(i + 1, 0);
  }
  return offsets;
}

/** An argv with the values of its secret flags masked; every other element through `maskText`. */
export function maskArgvSecrets(
  argv: readonly string[],
  isSecretKey: IsSecretKey,
  mask: string,
  maskText: (text: string) => string,
): string[] {
  const offsets = argvSecretOffsets(argv, isSecretKey);
  return argv.map((arg, i) => {
    const at = offsets.get(i);
    return at === undefined ? maskText(arg) : `${arg.slice(0, at)}${mask}`;
  });
}

/**
 * The secret values an argv carries (flag values, also inside a `sh -c` line), so a
 * masker can learn them before the process's own output leaves.
 */
export function argvSecrets(argv: readonly string[], isSecretKey: IsSecretKey): string[] {
  const values = [...argvSecretOffsets(argv, isSecretKey)].map(([i, at]) => (argv[i] ?? '').slice(at));
  for (const arg of argv)
    eachSecretFlagValue(arg, isSecretKey, (start, end) => values.push(arg.slice(start, end)));
  return values.filter((v) => v !== '');
}
