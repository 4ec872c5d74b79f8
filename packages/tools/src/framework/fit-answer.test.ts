import { describe, expect, it } from 'vitest';
import { fitAnswer } from './fit-answer.js';
import { jsonBytes } from './fit-bytes.js';

describe('fitAnswer', () => {
  it('leaves an answer within the limit as it is', () => {
    const output = { rows: [{ id: 'a' }], note: 'n' };
    expect(fitAnswer(output, 1000)).toBe(output);
  });

  it('cuts one huge row to the limit and says what was cut', () => {
    const output = { rows: [{ exitCode: 0, stdout: 'x'.repeat(100_000), stderr: '', truncated: false }] };
    const fitted = fitAnswer(output, 24_000);
    expect(jsonBytes(fitted)).toBeLessThanOrEqual(24_000);
    expect(fitted.rows[0]).toMatchObject({ exitCode: 0, stderr: '' });
    expect(fitted.note).toMatch(/^answer cut to 24000 bytes \(stdout\); ask for less/);
  });

  it('drops rows from the end first, keeps the paging note, and clips long host errors', () => {
    const rows = Array.from({ length: 50 }, (_, i) => ({ id: `c${i}`, text: 'y'.repeat(1000) }));
    const errors = [{ host: 'far', error: 'e'.repeat(50_000) }];
    const fitted = fitAnswer({ rows, errors, next: 'abc', note: '50 rows in all' }, 10_000);
    expect(jsonBytes(fitted)).toBeLessThanOrEqual(10_000);
    expect(fitted.rows[0]?.id).toBe('c0');
    expect(fitted.rows.length).toBeLessThan(50);
    expect(fitted.errors?.[0]?.host).toBe('far');
    expect(fitted.next).toBe('abc');
    expect(fitted.note).toMatch(/^50 rows in all; answer cut to 10000 bytes/);
  });
});
