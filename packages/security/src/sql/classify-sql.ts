import { classifyStatement } from './classify-statement.js';
import { splitSqlStatements } from './split-sql-statements.js';
import { type SqlClassification, type SqlDialect, type SqlStatementClass, worseClass } from './sql-types.js';
import { type SqlVerdict, verdict, worse } from './sql-verdict.js';
import { tokenizeSql } from './tokenize-sql.js';

export interface ClassifySqlOptions {
  dialect: SqlDialect;
}

function classifyReading(
  text: string,
  dialect: SqlDialect,
  backslashEscapes: boolean,
): SqlStatementClass[] | string {
  const { tokens, error } = tokenizeSql(text, { dialect, backslashEscapes });
  if (error) return error.message;
  return splitSqlStatements(tokens).map((statement, i) => {
    const v = classifyStatement(dialect, statement.tokens);
    return {
      index: i + 1,
      text: text.slice(statement.start, statement.end),
      start: statement.start,
      end: statement.end,
      class: v.class,
      keyword: v.keyword,
      reason: v.reason,
    };
  });
}

const worst = (statements: readonly SqlStatementClass[]): SqlStatementClass | undefined =>
  statements.reduce<SqlStatementClass | undefined>(
    (w, s) => (w === undefined || worse(w, s) === s ? s : w),
    undefined,
  );

/**
 * Classifies every statement of an SQL text as `read`, `write`, `ddl` or `dangerous`, and
 * the text as the worst of them, naming the statement and keyword that decided.
 *
 * The text is read by a tokenizer that knows the dialect's strings, comments and quoting,
 * so nothing hides in a comment or string. Where a server setting changes how backslashes
 * read (postgres standard_conforming_strings, mysql NO_BACKSLASH_ESCAPES) the text is also
 * read the other way, and the worse reading wins. Text that cannot be read (an unterminated
 * string or comment) is `dangerous`. What a user-defined function does cannot be known
 * from the text: the database's own read-only mode is the second wall.
 */
export function classifySql(text: string, options: ClassifySqlOptions): SqlClassification {
  const { dialect } = options;
  const usual = dialect === 'mysql';
  const main = classifyReading(text, dialect, usual);
  if (typeof main === 'string') {
    const v: SqlVerdict = verdict('dangerous', '', `the text cannot be read as SQL: ${main}`);
    return { class: v.class, readOnly: false, statements: [], reason: v.reason };
  }
  let statements = main;
  if (dialect !== 'sqlite') {
    // A reading the server would reject runs nothing, so only a readable one counts.
    const other = classifyReading(text, dialect, !usual);
    const a = worst(main)?.class ?? 'read';
    const b = typeof other === 'string' ? undefined : worst(other)?.class;
    if (typeof other !== 'string' && b !== undefined && worseClass(a, b) !== a) statements = other;
  }
  const decided = worst(statements);
  if (decided === undefined) return { class: 'read', readOnly: true, statements, reason: 'no statement' };
  return {
    class: decided.class,
    readOnly: statements.every((s) => s.class === 'read'),
    statements,
    reason: `statement ${decided.index}${decided.keyword ? ` (${decided.keyword})` : ''}: ${decided.reason}`,
  };
}
