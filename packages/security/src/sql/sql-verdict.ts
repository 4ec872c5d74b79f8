import { type SqlClass, type SqlToken, worseClass } from './sql-types.js';

/** A class with the keyword that decided it and why. */
export interface SqlVerdict {
  class: SqlClass;
  keyword: string;
  reason: string;
}

export const verdict = (cls: SqlClass, keyword: string, reason: string): SqlVerdict => ({
  class: cls,
  keyword,
  reason,
});

/** The more harmful of two verdicts; the first on a tie, so the earliest cause is named. */
export const worse = (a: SqlVerdict, b: SqlVerdict | undefined): SqlVerdict =>
  b !== undefined && worseClass(a.class, b.class) !== a.class ? b : a;

export const isWord = (token: SqlToken | undefined, ...words: string[]): boolean =>
  token?.kind === 'word' && (words.length === 0 || words.includes(token.upper));

export const isPunct = (token: SqlToken | undefined, text: string): boolean =>
  token?.kind === 'punct' && token.text === text;

/**
 * The first index from `from` on whose token is outside any parentheses opened after
 * `from` and passes `test`, or -1.
 */
export function topIndex(
  tokens: readonly SqlToken[],
  from: number,
  test: (t: SqlToken, i: number) => boolean,
): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i] as SqlToken;
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')')) depth--;
    else if (depth <= 0 && test(token, i)) return i;
  }
  return -1;
}

/** The index of the `)` that closes the `(` at `open`, or the end of the tokens. */
export function closingParen(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length;
}
