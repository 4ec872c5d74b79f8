import { ERROR_CODES, type ErrorCategory, type ErrorCode } from '@berth/errors';

/** Exit codes of the CLI that no error code gives: success, a generic failure, a usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/**
 * The one place an error code becomes an exit code: the category's code from the error
 * spine (@berth/errors), so a script sees the same class of failure as an HTTP client.
 */
export function exitCodeFor(code: string): number {
  const info = (ERROR_CODES as Record<string, { exitCode: number } | undefined>)[code];
  return info?.exitCode ?? EXIT_FAILURE;
}

/** Each exit code with the categories and error codes that give it, for docs and help. */
export function exitCodeTable(): { exitCode: number; category: ErrorCategory; codes: ErrorCode[] }[] {
  const rows = new Map<number, { exitCode: number; category: ErrorCategory; codes: ErrorCode[] }>();
  for (const [code, info] of Object.entries(ERROR_CODES) as [ErrorCode, (typeof ERROR_CODES)[ErrorCode]][]) {
    const row = rows.get(info.exitCode) ?? { exitCode: info.exitCode, category: info.category, codes: [] };
    row.codes.push(code);
    rows.set(info.exitCode, row);
  }
  return [...rows.values()].sort((a, b) => a.exitCode - b.exitCode);
}
