import { blockStatements } from './code-rules.js';
import { functionEffect } from './side-effect-functions.js';
import { splitSqlStatements } from './split-sql-statements.js';
import type { SqlDialect, SqlToken } from './sql-types.js';
import { closingParen, isPunct, isWord, type SqlVerdict, verdict, worse } from './sql-verdict.js';
import { statementHead } from './statement-head.js';
import type { RuleContext } from './statement-rules.js';
import { tokenizeSql } from './tokenize-sql.js';

// Statements that may stand in parentheses inside another (CTE bodies, subqueries, COPY).
const NESTED = new Set(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'WITH']);
// Deeper nesting than any real query: refused rather than followed, so the stack stays bounded.
const MAX_DEPTH = 64;
const PLAN_ONLY = new Set(['EXPLAIN', 'DESCRIBE', 'DESC']);

const tooDeep = verdict('dangerous', '(', 'statements nested too deeply to classify');

/** The worst effect of a known function called anywhere in the tokens. */
function functionsVerdict(dialect: SqlDialect, tokens: readonly SqlToken[]): SqlVerdict | undefined {
  let found: SqlVerdict | undefined;
  for (const [i, token] of tokens.entries()) {
    if ((token.kind !== 'word' && token.kind !== 'identifier') || !isPunct(tokens[i + 1], '(')) continue;
    const name = token.kind === 'word' ? token.text : token.upper;
    const effect = functionEffect(dialect, name);
    if (effect === undefined) continue;
    const v = verdict(effect.class, name, `calls ${name}(), which ${effect.reason}`);
    found = found === undefined ? v : worse(found, v);
  }
  return found;
}

/** The head's verdict and that of every statement nested in parentheses, at any depth. */
function structure(dialect: SqlDialect, tokens: readonly SqlToken[], depth: number): SqlVerdict {
  if (depth > MAX_DEPTH) return tooDeep;
  const ctx: RuleContext = {
    dialect,
    classifyTokens: (part) => statementHead(ctx, part),
    classifyText: (text, body) => classifyText(dialect, text, body, depth + 1),
  };
  let result = statementHead(ctx, tokens);
  // A plan-only EXPLAIN runs none of what it nests.
  if (PLAN_ONLY.has(result.keyword) && result.class === 'read') return result;
  for (let i = 0; i < tokens.length; i++) {
    if (!isPunct(tokens[i], '(') || !isWord(tokens[i + 1]) || !NESTED.has(tokens[i + 1]?.upper ?? ''))
      continue;
    const close = closingParen(tokens, i);
    result = worse(result, structure(dialect, tokens.slice(i + 1, close), depth + 1));
    i = close;
  }
  return result;
}

/** The verdict of one statement: its keyword, what it nests, and the known functions it calls. */
export function classifyStatement(dialect: SqlDialect, tokens: readonly SqlToken[], depth = 0): SqlVerdict {
  return worse(structure(dialect, tokens, depth), functionsVerdict(dialect, tokens));
}

/**
 * The verdict of SQL held in a string: a prepared statement's text, or (`body`) a
 * procedural block whose statements sit between block keywords and whose `EXECUTE`
 * runs SQL built at run time.
 */
function classifyText(dialect: SqlDialect, text: string, body: boolean, depth: number): SqlVerdict {
  if (depth > MAX_DEPTH) return tooDeep;
  const { tokens, error } = tokenizeSql(text, { dialect });
  if (error) return verdict('dangerous', '', `holds SQL that cannot be read (${error.message})`);
  const pieces = body ? blockStatements(tokens) : splitSqlStatements(tokens).map((s) => s.tokens);
  let result = verdict('read', '', 'reads');
  for (const piece of pieces) {
    if (body && isWord(piece[0], 'EXECUTE'))
      return verdict('dangerous', 'EXECUTE', 'runs SQL built at run time, which berth cannot read');
    result = worse(result, classifyStatement(dialect, piece, depth + 1));
  }
  return worse(result, functionsVerdict(dialect, tokens));
}
