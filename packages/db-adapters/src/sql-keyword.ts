/** The first keyword of `sql`, upper-cased, past comments and opening parentheses. */
export function firstKeyword(sql: string): string {
  const match = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/|\()*([A-Za-z]+)/.exec(sql);
  return match?.[1]?.toUpperCase() ?? '';
}

/**
 * Statements whose count of changed rows the engine reports (postgres's command tag,
 * sqlite's changes()). Others (DDL, WITH, SELECT) report none, or rows returned instead.
 */
export const COUNTED_WRITES: ReadonlySet<string> = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'REPLACE',
]);
