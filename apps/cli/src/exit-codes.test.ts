import { ERROR_CODES } from '@berth/errors';
import { describe, expect, it } from 'vitest';
import { EXIT_FAILURE, exitCodeFor, exitCodeTable } from './exit-codes.js';

describe('exit codes', () => {
  it('come from the error spine, a generic failure for an unknown code', () => {
    expect(exitCodeFor('NOT_FOUND')).toBe(ERROR_CODES.NOT_FOUND.exitCode);
    expect(exitCodeFor('CONFIRMATION_REQUIRED')).toBe(ERROR_CODES.CONFIRMATION_REQUIRED.exitCode);
    expect(exitCodeFor('NO_SUCH_CODE')).toBe(EXIT_FAILURE);
  });

  it('list every code once, under its category exit code', () => {
    const table = exitCodeTable();
    expect(table.flatMap((r) => r.codes).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const row of table)
      for (const code of row.codes) expect(ERROR_CODES[code].exitCode).toBe(row.exitCode);
  });
});
