import { classifySql, type SqlDialect } from '@berth/security';
import { DbError } from './db-error.js';

/**
 * Classifies a query before it runs. A read-only query must be exactly one statement that
 * only reads; anything else is refused with READ_ONLY (naming the statement and why) before
 * the database sees it. The database's own read-only mode is the second wall.
 */
export function guardQuery(sql: string, dialect: SqlDialect, readOnly: boolean): void {
  const verdict = classifySql(sql, { dialect });
  if (verdict.statements.length === 0) throw new DbError('INVALID', 'the query holds no statement', {});
  if (!readOnly) return;
  if (!verdict.readOnly) {
    throw new DbError('READ_ONLY', `a read-only query may not change anything: ${verdict.reason}`, {
      class: verdict.class,
    });
  }
  if (verdict.statements.length > 1) {
    throw new DbError(
      'READ_ONLY',
      `a read-only query is one statement; this has ${verdict.statements.length}`,
      {
        statements: verdict.statements.length,
      },
    );
  }
}
