import type { SqlDialect, SqlToken } from './sql-types.js';

export interface TokenizeOptions {
  dialect: SqlDialect;
  /**
   * Whether a backslash escapes the next character inside `'…'` strings. Default per
   * dialect: yes for mysql, no for postgres (standard_conforming_strings) and sqlite. The
   * classifier also reads a text the other way, for servers configured otherwise.
   */
  backslashEscapes?: boolean;
}

export interface Tokenized {
  /** The tokens, comments and blanks left out. */
  tokens: SqlToken[];
  /** Set when the text cannot be read: an unterminated string, identifier or comment. */
  error?: { message: string; offset: number };
}

const WORD_START = /[A-Za-z_\u0080-\uFFFF]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uFFFF]/;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uFFFF][A-Za-z0-9_\u0080-\uFFFF]*)?\$/y;
const NUMBER = /(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[A-Za-z0-9_]*/y;
const MYSQL_EXEC_COMMENT = /\/\*M?![0-9]{0,6}/y;
const NAMED_PARAM = /[:@$?][A-Za-z0-9_]+/y;
const BLANK = /\s/;
// Where a sigil before a name makes a parameter or variable: `$1`; mysql `@v`; sqlite `?1 :a @a $a`.
const PARAM_SIGILS: Record<SqlDialect, string> = { postgres: '$', mysql: '@?', sqlite: '?:@$' };

/** mysql's `--` starts a comment only when a blank or control character (or the end) follows. */
const mysqlDashComment = (text: string, i: number) => {
  const next = text.charCodeAt(i + 2);
  return Number.isNaN(next) || next <= 32;
};

/** The index just past the closing `quote` that starts at `i`, or -1 when it never closes. */
function quotedEnd(text: string, i: number, quote: string, backslash: boolean): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (backslash && c === '\\') j++;
    else if (c === quote) {
      if (text[j + 1] === quote) j++;
      else return j + 1;
    }
  }
  return -1;
}

/** The index just past a block comment starting at `i` (nested ones too in postgres), or -1. */
function blockCommentEnd(text: string, i: number, nested: boolean): number {
  let depth = 0;
  for (let j = i; j < text.length - 1; j++) {
    if (text[j] === '/' && text[j + 1] === '*' && (nested || depth === 0)) {
      depth++;
      j++;
    } else if (text[j] === '*' && text[j + 1] === '/') {
      depth--;
      j++;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/**
 * Splits SQL into tokens the way the dialect's server reads it: strings with doubled
 * quotes (and backslash escapes where the dialect has them, always in postgres `E'…'`),
 * postgres dollar quotes with tags and nested block comments, mysql `#` and `-- ` comments
 * and its `/*! … *\/` comments (whose content the server runs, so they are read as code),
 * quoted identifiers (`"…"`, mysql and sqlite backticks, sqlite `[…]`).
 */
export function tokenizeSql(text: string, options: TokenizeOptions): Tokenized {
  const { dialect } = options;
  const backslash = options.backslashEscapes ?? dialect === 'mysql';
  const tokens: SqlToken[] = [];
  const push = (kind: SqlToken['kind'], start: number, end: number, upper?: string) =>
    tokens.push({
      kind,
      text: text.slice(start, end),
      upper: upper ?? text.slice(start, end).toUpperCase(),
      start,
      end,
    });
  const fail = (what: string, offset: number): Tokenized => ({
    tokens,
    error: { message: `unterminated ${what} at offset ${offset}`, offset },
  });
  let inExecComment = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const next = text[i + 1];
    if (BLANK.test(c)) {
      i++;
    } else if (
      (c === '-' && next === '-' && (dialect !== 'mysql' || mysqlDashComment(text, i))) ||
      (c === '#' && dialect === 'mysql')
    ) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol + 1;
    } else if (c === '*' && next === '/' && inExecComment) {
      inExecComment = false;
      i += 2;
    } else if (c === '/' && next === '*') {
      MYSQL_EXEC_COMMENT.lastIndex = i;
      if (dialect === 'mysql' && MYSQL_EXEC_COMMENT.test(text)) {
        inExecComment = true;
        i = MYSQL_EXEC_COMMENT.lastIndex;
        continue;
      }
      const end = blockCommentEnd(text, i, dialect === 'postgres');
      // sqlite ends an unterminated block comment at the end of the input.
      if (end < 0 && dialect !== 'sqlite') return fail('comment', i);
      i = end < 0 ? text.length : end;
    } else if (c === "'" || (c === '"' && dialect === 'mysql')) {
      const end = quotedEnd(text, i, c, backslash);
      if (end < 0) return fail('string', i);
      push('string', i, end);
      i = end;
    } else if (c === '"' || (c === '`' && dialect !== 'postgres') || (c === '[' && dialect === 'sqlite')) {
      const close = c === '[' ? ']' : c;
      const end = c === '[' ? text.indexOf(']', i) + 1 : quotedEnd(text, i, close, false);
      if (end <= 0) return fail('quoted identifier', i);
      const name = text
        .slice(i + 1, end - 1)
        .split(close + close)
        .join(close);
      push('identifier', i, end, name);
      i = end;
    } else if (c === '$' && dialect === 'postgres' && !/[0-9]/.test(next ?? '')) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(text)?.[0];
      if (tag === undefined) {
        push('punct', i, i + 1);
        i++;
        continue;
      }
      const close = text.indexOf(tag, i + tag.length);
      if (close < 0) return fail(`dollar-quoted string ${tag}`, i);
      push('string', i, close + tag.length);
      i = close + tag.length;
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < text.length && WORD_PART.test(text[end] ?? '')) end++;
      // Postgres `E'…'`: an escape string, where a backslash escapes the quote.
      if (dialect === 'postgres' && end === i + 1 && (c === 'E' || c === 'e') && text[end] === "'") {
        const close = quotedEnd(text, end, "'", true);
        if (close < 0) return fail('string', i);
        push('string', i, close);
        i = close;
        continue;
      }
      push('word', i, end);
      i = end;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next ?? ''))) {
      NUMBER.lastIndex = i;
      NUMBER.test(text);
      push('number', i, NUMBER.lastIndex);
      i = NUMBER.lastIndex;
    } else if (PARAM_SIGILS[dialect].includes(c) && next !== undefined && /[A-Za-z0-9_]/.test(next)) {
      NAMED_PARAM.lastIndex = i;
      NAMED_PARAM.test(text);
      push('parameter', i, NAMED_PARAM.lastIndex);
      i = NAMED_PARAM.lastIndex;
    } else {
      push(c === '?' ? 'parameter' : 'punct', i, i + 1);
      i++;
    }
  }
  return { tokens };
}
