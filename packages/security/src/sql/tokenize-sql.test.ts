import { describe, expect, it } from 'vitest';
import type { SqlDialect } from './sql-types.js';
import { tokenizeSql } from './tokenize-sql.js';

const kinds = (text: string, dialect: SqlDialect, backslashEscapes?: boolean) =>
  tokenizeSql(text, { dialect, backslashEscapes }).tokens.map((t) => `${t.kind}:${t.text}`);

describe('tokenizeSql', () => {
  it('reads postgres strings, escape strings, dollar quotes and nested comments', () => {
    expect(
      kinds("SELECT 'it''s', E'a\\'b', $x$ ; $$ $x$, $$q$$ /* a /* b */ c */ FROM \"t\"\"x\"", 'postgres'),
    ).toEqual([
      'word:SELECT',
      "string:'it''s'",
      'punct:,',
      "string:E'a\\'b'",
      'punct:,',
      'string:$x$ ; $$ $x$',
      'punct:,',
      'string:$$q$$',
      'word:FROM',
      'identifier:"t""x"',
    ]);
  });

  it('keeps a postgres backslash literal in a plain string unless told otherwise', () => {
    expect(kinds("'a\\' ;", 'postgres')).toEqual(["string:'a\\'", 'punct:;']);
    expect(tokenizeSql("'a\\' ;", { dialect: 'postgres', backslashEscapes: true }).error?.message).toMatch(
      /unterminated string/,
    );
  });

  it('reads $1 as a parameter and a$b as one word in postgres', () => {
    expect(kinds('SELECT a$b FROM t WHERE id = $1', 'postgres')).toContain('parameter:$1');
    expect(kinds('SELECT a$b FROM t WHERE id = $1', 'postgres')).toContain('word:a$b');
  });

  it('reads mysql comments, backticks, both quotes with backslashes, and runs /*! */ content', () => {
    expect(
      kinds('SELECT `a``b`, "x\\"y", \'p\\\'q\' # hidden ; DROP\n-- also hidden\n1--1', 'mysql'),
    ).toEqual([
      'word:SELECT',
      'identifier:`a``b`',
      'punct:,',
      'string:"x\\"y"',
      'punct:,',
      "string:'p\\'q'",
      'number:1',
      'punct:-',
      'punct:-',
      'number:1',
    ]);
    expect(kinds('/*!50000 DROP TABLE t */ /* DELETE */', 'mysql')).toEqual([
      'word:DROP',
      'word:TABLE',
      'word:t',
    ]);
  });

  it('reads sqlite bracket identifiers, named parameters and an open comment to the end', () => {
    expect(kinds('SELECT [a;b], :name, ?1 /* open', 'sqlite')).toEqual([
      'word:SELECT',
      'identifier:[a;b]',
      'punct:,',
      'parameter::name',
      'punct:,',
      'parameter:?1',
    ]);
  });

  it.each<[string, SqlDialect]>([
    ["SELECT 'open", 'postgres'],
    ['SELECT $tag$ open $other$', 'postgres'],
    ['SELECT /* /* */', 'postgres'],
    ['SELECT "open', 'sqlite'],
    ['SELECT `open', 'mysql'],
  ])('reports an unterminated token: %s', (text, dialect) => {
    expect(tokenizeSql(text, { dialect }).error?.message).toMatch(/^unterminated /);
  });

  it('stays linear on a megabyte of hostile input', () => {
    const text = `${"'".repeat(2)}${'/*'.repeat(200_000)}${'-'.repeat(200_000)}${'$a$'.repeat(100_000)}`;
    expect(tokenizeSql(text, { dialect: 'postgres' }).error?.message).toBe(
      'unterminated comment at offset 2',
    );
  });
});
