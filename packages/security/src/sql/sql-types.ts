/** The SQL dialects the classifier reads; each has its own strings, comments and quoting. */
export type SqlDialect = 'postgres' | 'mysql' | 'sqlite';

/**
 * What a statement may do, least to most harmful: `read` changes nothing; `write` changes
 * rows, locks them, or changes session state; `ddl` changes the schema or permissions;
 * `dangerous` loses data or reaches outside the database (DROP, TRUNCATE, DELETE or UPDATE
 * without WHERE, `COPY ... PROGRAM`, killing sessions, reading server files).
 */
export type SqlClass = 'read' | 'write' | 'ddl' | 'dangerous';

export const SQL_CLASS_ORDER: readonly SqlClass[] = ['read', 'write', 'ddl', 'dangerous'];

export const worseClass = (a: SqlClass, b: SqlClass): SqlClass =>
  SQL_CLASS_ORDER.indexOf(b) > SQL_CLASS_ORDER.indexOf(a) ? b : a;

export type SqlTokenKind = 'word' | 'identifier' | 'string' | 'number' | 'parameter' | 'punct';

export interface SqlToken {
  kind: SqlTokenKind;
  /** The token as written (a string or identifier with its quotes). */
  text: string;
  /** Upper-cased text of a word, for keyword tests; the unquoted name of an identifier. */
  upper: string;
  start: number;
  end: number;
}

/** One statement's verdict. */
export interface SqlStatementClass {
  /** 1-based position among the statements of the text. */
  index: number;
  /** The statement's text, trimmed. */
  text: string;
  start: number;
  end: number;
  class: SqlClass;
  /** The keyword or function that decided the class (`DELETE`, `nextval`, `COPY ... PROGRAM`). */
  keyword: string;
  /** Why, in a sentence fit for an error message. */
  reason: string;
}

export interface SqlClassification {
  /** The worst class of any statement; `read` for a text with no statement. */
  class: SqlClass;
  /** True when every statement is `read`. */
  readOnly: boolean;
  statements: SqlStatementClass[];
  /** Which statement decided the class, and why: `statement 2 (DELETE): ...`. */
  reason: string;
}
