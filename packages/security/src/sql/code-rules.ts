import type { SqlToken } from './sql-types.js';
import { isPunct, isWord, topIndex, verdict, worse } from './sql-verdict.js';
import type { StatementRule } from './statement-rules.js';

/** The text inside a string token: dollar tags, `E`, quotes and escapes removed. */
export function stringContent(token: SqlToken, backslashEscapes: boolean): string {
  const dollar = /^(\$[^$]*\$)([\s\S]*)\1$/.exec(token.text);
  if (dollar) return dollar[2] ?? '';
  const raw = token.text.replace(/^[Ee]/, '');
  const quote = raw[0] ?? "'";
  const body = raw
    .slice(1, -1)
    .split(quote + quote)
    .join(quote);
  return backslashEscapes || token.text.startsWith('E') || token.text.startsWith('e')
    ? body.replace(/\\(.)/gs, '$1')
    : body;
}

/** `DO` (postgres) runs a code block: at least a write, and what the statements in it do. */
export const doRule: StatementRule = (ctx, tokens, head) => {
  if (ctx.dialect === 'mysql') return verdict('read', 'DO', 'DO evaluates expressions');
  const language = topIndex(tokens, head + 1, (t) => isWord(t, 'LANGUAGE'));
  const name = (tokens[language + 1]?.upper ?? 'PLPGSQL').toUpperCase();
  if (language >= 0 && name !== 'PLPGSQL' && name !== 'SQL')
    return verdict('dangerous', 'DO', `DO runs code in ${name}, which berth cannot read`);
  const body = tokens.slice(head + 1).find((t) => t.kind === 'string');
  const base = verdict('write', 'DO', 'DO runs a code block');
  if (body === undefined) return base;
  const inner = ctx.classifyText(stringContent(body, false), true);
  return worse(base, {
    ...inner,
    keyword: `DO ... ${inner.keyword}`,
    reason: `DO runs a block in which ${inner.reason}`,
  });
};

/** `PREPARE n AS stmt` (postgres) or `PREPARE n FROM 'stmt'` (mysql): what the statement does. */
export const prepareRule: StatementRule = (ctx, tokens, head) => {
  const at = topIndex(tokens, head + 1, (t) => isWord(t, 'AS', 'FROM'));
  const from = tokens[at + 1];
  if (at < 0 || from === undefined)
    return verdict('write', 'PREPARE', 'PREPARE of a statement berth cannot see');
  if (from.kind === 'string') return ctx.classifyText(stringContent(from, ctx.dialect === 'mysql'), false);
  if (from.kind !== 'word') return verdict('write', 'PREPARE', 'PREPARE of a statement berth cannot see');
  return ctx.classifyTokens(tokens.slice(at + 1));
};

/** `DECLARE c CURSOR FOR query` (postgres): what the query does. */
export const declareRule: StatementRule = (ctx, tokens, head) => {
  const at = topIndex(tokens, head + 1, (t) => isWord(t, 'FOR'));
  if (at < 0) return verdict('write', 'DECLARE', 'DECLARE outside a cursor definition');
  return ctx.classifyTokens(tokens.slice(at + 1));
};

// Words after which a statement starts inside a procedural block.
const BLOCK_OPENERS = new Set(['BEGIN', 'THEN', 'ELSE', 'LOOP', 'ATOMIC']);
const BLOCK_WORDS = new Set([
  ...BLOCK_OPENERS,
  'END',
  'IF',
  'ELSIF',
  'ELSEIF',
  'DECLARE',
  'EXCEPTION',
  'WHEN',
  'RETURN',
  'RAISE',
  'NULL',
  'PERFORM',
  'FOR',
  'WHILE',
  'EXIT',
  'CONTINUE',
  'CASE',
]);

/**
 * The statements of a procedural block (a `DO` body): each piece that starts at the
 * beginning, after `;` or after a block keyword. Dynamic SQL (`EXECUTE`) is unreadable.
 */
export function blockStatements(tokens: readonly SqlToken[]): Array<readonly SqlToken[]> {
  const pieces: Array<readonly SqlToken[]> = [];
  let start = true;
  for (const [i, token] of tokens.entries()) {
    const opener = isWord(token) && BLOCK_OPENERS.has(token.upper);
    if (start && isWord(token) && !BLOCK_WORDS.has(token.upper)) {
      // Scanned from here, not from the start, so a body of many statements stays linear.
      let end = i + 1;
      while (end < tokens.length && !isPunct(tokens[end], ';')) end++;
      pieces.push(tokens.slice(i, end));
    }
    start = opener || (token.kind === 'punct' && token.text === ';');
  }
  return pieces;
}
