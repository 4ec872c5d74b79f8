// Public API of @berth/security.
export { assertImageRef, assertNotFlag, assertSafeName } from './argument-guards.js';
export { createMasker, type Masker, type MaskerOptions } from './masker.js';
export {
  type Containment,
  containPath,
  containPathLexically,
  type RealPathOptions,
  resolveRealPath,
} from './path-containment.js';
export { sanitizeText } from './sanitize-text.js';
export { argvSecrets } from './secret-flags.js';
export { isSecretKeyName } from './secret-key.js';
export { SECRET_PATTERNS, type SecretPattern } from './secret-patterns.js';
export { SecurityError, type SecurityErrorCode, type SecurityErrorData } from './security-error.js';
export { quoteShellArg, shellJoin } from './shell-quote.js';
export { type ClassifySqlOptions, classifySql } from './sql/classify-sql.js';
export type { SqlClass, SqlClassification, SqlDialect, SqlStatementClass } from './sql/sql-types.js';
