import type { SqlToken } from './sql-types.js';

/** One statement of a text: its tokens, `;` excluded. */
export interface SqlStatementTokens {
  tokens: SqlToken[];
  start: number;
  end: number;
}

// Words that end a block opened by BEGIN or CASE only when another keyword follows
// (`END IF`, `END LOOP`), whose openers are not counted.
const UNCOUNTED_END = new Set(['IF', 'LOOP', 'WHILE', 'REPEAT', 'FOR']);

/**
 * Splits tokens into statements at `;` outside parentheses. Inside `CREATE` statements a
 * `BEGIN ... END` body (triggers, procedures, `BEGIN ATOMIC` functions) holds its own `;`
 * and stays one statement.
 */
export function splitSqlStatements(tokens: readonly SqlToken[]): SqlStatementTokens[] {
  const statements: SqlStatementTokens[] = [];
  let current: SqlToken[] = [];
  let parens = 0;
  let blocks = 0;
  const flush = () => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last) statements.push({ tokens: current, start: first.start, end: last.end });
    current = [];
    parens = 0;
    blocks = 0;
  };
  for (const [i, token] of tokens.entries()) {
    if (token.kind === 'punct' && token.text === ';' && parens <= 0 && blocks <= 0) {
      flush();
      continue;
    }
    current.push(token);
    if (token.kind === 'punct') {
      if (token.text === '(') parens++;
      else if (token.text === ')') parens--;
    } else if (token.kind === 'word' && current[0]?.upper === 'CREATE') {
      const next = tokens[i + 1];
      if (token.upper === 'BEGIN' || token.upper === 'CASE') blocks++;
      else if (token.upper === 'END' && !(next?.kind === 'word' && UNCOUNTED_END.has(next.upper))) blocks--;
    }
  }
  flush();
  return statements;
}
