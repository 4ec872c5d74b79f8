import { declareRule, doRule, prepareRule } from './code-rules.js';
import type { SqlClass, SqlToken } from './sql-types.js';
import { isPunct, isWord, type SqlVerdict, verdict } from './sql-verdict.js';
import {
  alterRule,
  copyRule,
  explainRule,
  type RuleContext,
  rowsRule,
  type StatementRule,
  selectRule,
  withRule,
} from './statement-rules.js';

const fixed =
  (cls: SqlClass, what: string): StatementRule =>
  (_ctx, tokens, head) => {
    const kw = tokens[head]?.upper ?? '';
    return verdict(cls, kw, `${kw} ${what}`);
  };

const read = fixed('read', 'reads');
const changesRows = fixed('write', 'adds or changes rows');
const maintenance = fixed('write', 'changes stored data or server state');
const transaction = fixed(
  'write',
  'controls transactions, so it could end the read-only transaction a query runs in',
);
const schema = fixed('ddl', 'changes the schema or permissions');
const loses = fixed('dangerous', 'removes data or stops sessions or the server');

// sqlite pragmas that only report, also when given an argument.
const PRAGMA_QUERIES = new Set(
  'table_info table_xinfo table_list index_info index_xinfo index_list foreign_key_list foreign_key_check integrity_check quick_check database_list collation_list function_list module_list pragma_list compile_options'.split(
    ' ',
  ),
);
const PRAGMA_ACTIONS = new Set(['optimize', 'incremental_vacuum', 'wal_checkpoint']);

const pragmaRule: StatementRule = (_ctx, tokens, head) => {
  let at = head + 1;
  if (isPunct(tokens[at + 1], '.')) at += 2;
  const name = (tokens[at]?.upper ?? '').toLowerCase();
  const next = tokens[at + 1];
  const sets =
    isPunct(next, '=') || (isPunct(next, '(') && !PRAGMA_QUERIES.has(name)) || PRAGMA_ACTIONS.has(name);
  return sets
    ? verdict('write', `PRAGMA ${name}`, `PRAGMA ${name} changes a setting or the database`)
    : verdict('read', `PRAGMA ${name}`, `PRAGMA ${name} reports`);
};

const setRule: StatementRule = (_ctx, tokens, head) => {
  const scope = tokens[head + 1];
  if (
    isWord(scope, 'GLOBAL', 'PERSIST', 'PERSIST_ONLY') ||
    /^@@global\./i.test(
      tokens
        .slice(head + 1, head + 4)
        .map((t) => t.text)
        .join(''),
    )
  )
    return verdict('ddl', 'SET GLOBAL', "SET GLOBAL changes the server's configuration");
  return verdict('write', 'SET', 'SET changes session settings, which a read-only session must keep');
};

const resetRule: StatementRule = (ctx, tokens, head) =>
  ctx.dialect === 'mysql' && isWord(tokens[head + 1], 'MASTER', 'BINARY', 'REPLICA', 'SLAVE')
    ? verdict('dangerous', 'RESET', 'RESET removes binary logs or replication state')
    : verdict('write', 'RESET', 'RESET changes session settings');

const loadRule: StatementRule = (ctx, tokens, head) =>
  ctx.dialect === 'postgres'
    ? verdict('dangerous', 'LOAD', 'LOAD loads a shared library into the database server')
    : changesRows(ctx, tokens, head);

const explainOrRead: StatementRule = (ctx, tokens, head) =>
  ctx.dialect === 'mysql' ? explainRule(ctx, tokens, head) : read(ctx, tokens, head);

const RULES: Record<string, StatementRule> = {
  SELECT: selectRule,
  VALUES: read,
  TABLE: read,
  SHOW: read,
  DESCRIBE: explainOrRead,
  DESC: explainOrRead,
  HELP: read,
  USE: read,
  FETCH: read,
  MOVE: read,
  CLOSE: read,
  LISTEN: read,
  UNLISTEN: read,
  DEALLOCATE: read,
  CHECK: read,
  CHECKSUM: read,
  HANDLER: read,
  EXPLAIN: explainRule,
  WITH: withRule,
  PRAGMA: pragmaRule,
  PREPARE: prepareRule,
  DECLARE: declareRule,
  DO: doRule,
  DELETE: rowsRule,
  UPDATE: rowsRule,
  INSERT: changesRows,
  REPLACE: changesRows,
  MERGE: changesRows,
  UPSERT: changesRows,
  COPY: copyRule,
  LOAD: loadRule,
  CALL: fixed('write', 'runs a procedure berth cannot see into'),
  EXECUTE: fixed('write', 'runs a prepared statement berth cannot see'),
  EXEC: fixed('write', 'runs a prepared statement berth cannot see'),
  SET: setRule,
  RESET: resetRule,
  LOCK: fixed('write', 'takes table locks'),
  UNLOCK: fixed('write', 'releases table locks'),
  NOTIFY: fixed('write', 'sends a notification'),
  DISCARD: fixed('write', 'drops session state'),
  ATTACH: fixed('write', 'attaches (and may create) a database file'),
  DETACH: fixed('write', 'detaches a database'),
  BEGIN: transaction,
  START: transaction,
  COMMIT: transaction,
  ROLLBACK: transaction,
  SAVEPOINT: transaction,
  RELEASE: transaction,
  END: transaction,
  ABORT: transaction,
  XA: transaction,
  VACUUM: maintenance,
  ANALYZE: maintenance,
  ANALYSE: maintenance,
  REINDEX: maintenance,
  CLUSTER: maintenance,
  CHECKPOINT: maintenance,
  OPTIMIZE: maintenance,
  REPAIR: maintenance,
  REFRESH: maintenance,
  FLUSH: maintenance,
  CACHE: maintenance,
  CREATE: schema,
  ALTER: alterRule,
  COMMENT: schema,
  RENAME: schema,
  GRANT: schema,
  REVOKE: schema,
  SECURITY: schema,
  REASSIGN: schema,
  IMPORT: schema,
  INSTALL: schema,
  UNINSTALL: schema,
  CHANGE: schema,
  DROP: fixed('dangerous', 'removes an object and everything stored in it'),
  TRUNCATE: fixed('dangerous', 'removes every row of the table'),
  KILL: loses,
  SHUTDOWN: loses,
  RESTART: loses,
  PURGE: loses,
};

/** The verdict of a statement by its first keyword (and what that keyword's rule reads after it). */
export function statementHead(ctx: RuleContext, tokens: readonly SqlToken[]): SqlVerdict {
  // `(SELECT ...) UNION (SELECT ...)` starts with parentheses.
  let head = 0;
  while (isPunct(tokens[head], '(')) head++;
  const first = tokens[head];
  const rule = isWord(first) ? RULES[first?.upper ?? ''] : undefined;
  if (rule) return rule(ctx, tokens, head);
  const shown = first?.text.slice(0, 32) ?? '';
  return verdict('write', shown, `"${shown}" is not a statement berth knows to be read-only`);
}
