import type { SqlDialect, SqlToken } from './sql-types.js';
import { isPunct, isWord, type SqlVerdict, topIndex, verdict } from './sql-verdict.js';

/** What a rule needs besides its statement: the dialect and a way to classify a part. */
export interface RuleContext {
  dialect: SqlDialect;
  /** The verdict of the statement these tokens start (its head and what it nests). */
  classifyTokens(tokens: readonly SqlToken[]): SqlVerdict;
  /** The verdict of SQL held in a string (`PREPARE ... FROM '...'`, a `DO` body). */
  classifyText(text: string, body: boolean): SqlVerdict;
}

/** A rule gets the statement's tokens and the index of its first keyword. */
export type StatementRule = (ctx: RuleContext, tokens: readonly SqlToken[], head: number) => SqlVerdict;

const CLAUSE_END = new Set(['RETURNING', 'ORDER', 'LIMIT']);

/** `WHERE TRUE`, `WHERE 1`, `WHERE 1 = 1`, `WHERE 'a' = 'a'` (parenthesised or not): every row. */
function alwaysTrue(tokens: readonly SqlToken[], where: number): boolean {
  let cond = tokens.slice(where + 1);
  const end = cond.findIndex((t) => isWord(t) && CLAUSE_END.has(t.upper));
  if (end >= 0) cond = cond.slice(0, end);
  while (isPunct(cond[0], '(') && isPunct(cond[cond.length - 1], ')')) cond = cond.slice(1, -1);
  const [a, op, b] = cond;
  if (cond.length === 1) return isWord(a, 'TRUE') || (a?.kind === 'number' && Number(a.text) !== 0);
  const literal = (t: SqlToken | undefined) => t?.kind === 'number' || t?.kind === 'string';
  return cond.length === 3 && isPunct(op, '=') && literal(a) && a?.text === b?.text;
}

/** DELETE and UPDATE: every row unless a WHERE that is not always true limits them. */
export const rowsRule: StatementRule = (_ctx, tokens, head) => {
  const kw = tokens[head]?.upper ?? '';
  const where = topIndex(tokens, head + 1, (t) => isWord(t, 'WHERE'));
  if (where < 0) return verdict('dangerous', kw, `${kw} without WHERE changes every row of the table`);
  if (alwaysTrue(tokens, where))
    return verdict('dangerous', kw, `${kw} with a WHERE that is always true changes every row of the table`);
  return verdict('write', kw, `${kw} changes rows`);
};

/** SELECT: read, unless it makes a table or file (`INTO`) or locks rows (`FOR UPDATE`). */
export const selectRule: StatementRule = (ctx, tokens, head) => {
  const into = topIndex(tokens, head + 1, (t) => isWord(t, 'INTO'));
  if (into >= 0) {
    if (ctx.dialect !== 'mysql')
      return verdict('ddl', 'SELECT ... INTO', 'SELECT ... INTO creates a table from the result');
    if (isWord(tokens[into + 1], 'OUTFILE', 'DUMPFILE'))
      return verdict(
        'dangerous',
        'SELECT ... INTO OUTFILE',
        'SELECT ... INTO OUTFILE writes a file on the database server',
      );
  }
  const lock = topIndex(
    tokens,
    head + 1,
    (t, i) =>
      (isWord(t, 'FOR') && isWord(tokens[i + 1], 'UPDATE', 'SHARE', 'NO', 'KEY')) ||
      (isWord(t, 'LOCK') && isWord(tokens[i + 1], 'IN')),
  );
  if (lock >= 0) {
    const what = isWord(tokens[lock], 'LOCK')
      ? 'SELECT ... LOCK IN SHARE MODE'
      : `SELECT ... FOR ${tokens[lock + 1]?.upper}`;
    return verdict('write', what, `${what} locks the rows it reads`);
  }
  return verdict('read', 'SELECT', 'SELECT reads');
};

const MAIN_STATEMENT = new Set([
  'SELECT',
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'VALUES',
  'TABLE',
  'REPLACE',
]);

/** WITH: the statement after the common table expressions (their bodies are nested statements). */
export const withRule: StatementRule = (ctx, tokens, head) => {
  const main = topIndex(tokens, head + 1, (t) => isWord(t) && MAIN_STATEMENT.has(t.upper));
  if (main < 0) return verdict('write', 'WITH', 'WITH without a statement berth knows to be read-only');
  const inner = ctx.classifyTokens(tokens.slice(main));
  return { ...inner, keyword: `WITH ... ${inner.keyword}` };
};

const EXPLAINABLE = new Set([...MAIN_STATEMENT, 'WITH', 'DECLARE', 'CREATE', 'EXECUTE']);
const OFF = new Set(['FALSE', 'OFF', '0']);

/**
 * EXPLAIN plans without running, except `EXPLAIN ANALYZE` (postgres and mysql), which runs
 * the statement, so it is as harmful as the statement.
 */
export const explainRule: StatementRule = (ctx, tokens, head) => {
  const kw = tokens[head]?.upper ?? 'EXPLAIN';
  const inner = topIndex(tokens, head + 1, (t) => isWord(t) && EXPLAINABLE.has(t.upper));
  const options = tokens.slice(head + 1, inner < 0 ? tokens.length : inner);
  const analyze =
    ctx.dialect !== 'sqlite' &&
    options.some((t, i) => isWord(t, 'ANALYZE', 'ANALYSE') && !OFF.has(options[i + 1]?.upper ?? ''));
  if (inner < 0 || !analyze)
    return verdict('read', kw, `${kw} shows a plan or a table's columns and runs nothing`);
  const ran = ctx.classifyTokens(tokens.slice(inner));
  return {
    ...ran,
    keyword: `${kw} ANALYZE ${ran.keyword}`,
    reason: `${kw} ANALYZE runs the statement: ${ran.reason}`,
  };
};

/** COPY (postgres): FROM loads rows; TO STDOUT reads; TO a file or PROGRAM reaches the server's machine. */
export const copyRule: StatementRule = (_ctx, tokens, head) => {
  const dir = topIndex(tokens, head + 1, (t) => isWord(t, 'FROM', 'TO'));
  const way = tokens[dir]?.upper;
  if (dir < 0 || way === undefined) return verdict('write', 'COPY', 'COPY without FROM or TO');
  if (isWord(tokens[dir + 1], 'PROGRAM'))
    return verdict(
      'dangerous',
      `COPY ... ${way} PROGRAM`,
      `COPY ... ${way} PROGRAM runs a shell command on the database server`,
    );
  if (way === 'FROM') return verdict('write', 'COPY ... FROM', 'COPY ... FROM loads rows into a table');
  if (isWord(tokens[dir + 1], 'STDOUT'))
    return verdict('read', 'COPY ... TO STDOUT', 'COPY ... TO STDOUT reads');
  return verdict('dangerous', 'COPY ... TO', 'COPY ... TO a file writes on the database server');
};

// What `ALTER ... DROP x` may drop without losing stored values.
const DROP_KEEPS_DATA = new Set([
  'DEFAULT',
  'NOT',
  'IDENTITY',
  'EXPRESSION',
  'CONSTRAINT',
  'INDEX',
  'KEY',
  'PRIMARY',
  'FOREIGN',
  'CHECK',
]);

/** ALTER changes the schema; dropping a column or partition, or its data file, loses data. */
export const alterRule: StatementRule = (_ctx, tokens, head) => {
  const loses = topIndex(
    tokens,
    head + 1,
    (t, i) =>
      (isWord(t, 'DROP') && !isWord(tokens[i + 1], ...DROP_KEEPS_DATA)) ||
      (isWord(t, 'TRUNCATE') && isWord(tokens[i + 1], 'PARTITION')) ||
      (isWord(t, 'DISCARD') && isWord(tokens[i + 1], 'TABLESPACE')),
  );
  if (loses < 0) return verdict('ddl', 'ALTER', 'ALTER changes the schema');
  const what = `ALTER ... ${tokens[loses]?.upper} ${tokens[loses + 1]?.text ?? ''}`.trim();
  return verdict('dangerous', what, `${what} removes stored data`);
};
