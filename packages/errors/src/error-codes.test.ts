import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BerthError } from './berth-error.js';
import { describeError } from './describe-error.js';
import type { ErrorCode } from './error-code.js';
import { ERROR_CODES } from './error-codes.js';

const codes = Object.keys(ERROR_CODES) as ErrorCode[];

/** The README's code table, rendered from ERROR_CODES so the two cannot drift apart. */
function codeTable(): string {
  const rows = codes.map((code) => {
    const { summary, hint, category, httpStatus, exitCode } = ERROR_CODES[code];
    return `| \`${code}\` | ${summary} | ${hint ?? ''} | ${category} | ${httpStatus} | ${exitCode} |`;
  });
  return [
    '| code | meaning | what to do | category | HTTP | exit |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** The CLI's exit codes, one per category, as the README lists them. */
function exitTable(): string {
  const exits = new Map<string, number>([['ok', 0]]);
  for (const code of codes) exits.set(ERROR_CODES[code].category, ERROR_CODES[code].exitCode);
  const rows = [...exits].sort((a, b) => a[1] - b[1]).map(([category, exit]) => `| ${exit} | ${category} |`);
  return ['| exit | category |', '|---|---|', ...rows].join('\n');
}

function readmeBlock(name: string): string | undefined {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  return new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readme)?.[1];
}

describe('ERROR_CODES', () => {
  it.each(codes)(
    '%s: describeError takes summary, hint, HTTP status and exit code from the table',
    (code) => {
      const info = ERROR_CODES[code];
      expect(info.summary.length).toBeGreaterThan(0);
      const described = describeError(new BerthError(code, 'it broke', { ref: 'web' }));
      expect(described).toEqual({
        code,
        message: 'it broke',
        ...(info.hint === undefined ? {} : { hint: info.hint }),
        httpStatus: info.httpStatus,
        exitCode: info.exitCode,
        category: info.category,
        data: { ref: 'web' },
      });
    },
  );

  it('gives one exit code per category', () => {
    const byCategory = new Map<string, Set<number>>();
    for (const code of codes) {
      const { category, exitCode } = ERROR_CODES[code];
      byCategory.set(category, (byCategory.get(category) ?? new Set()).add(exitCode));
    }
    for (const exits of byCategory.values()) expect(exits.size).toBe(1);
  });

  it('never tells anyone to accept an unknown host key', () => {
    for (const code of codes) expect(ERROR_CODES[code].hint ?? '').not.toMatch(/accept-new/);
  });

  it('is the table the README shows', () => {
    expect(readmeBlock('codes')).toBe(codeTable());
    expect(readmeBlock('exits')).toBe(exitTable());
  });
});
