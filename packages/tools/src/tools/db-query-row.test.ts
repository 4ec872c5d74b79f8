import { describe, expect, it } from 'vitest';
import { execRowOf, queryRowOf } from './db-query-row.js';

const result = (n: number, extra: Partial<{ truncated: boolean; rowCount: number }> = {}) => ({
  columns: [
    { name: 'id', type: 'integer' },
    { name: 'id', type: 'integer' },
  ],
  rows: Array.from({ length: n }, (_, i) => [i, i]),
  rowCount: n,
  truncated: false,
  text: '',
  ...extra,
});

describe('queryRowOf', () => {
  it('keeps every row, in order, with repeated column names, when they fit', () => {
    expect(queryRowOf(result(3), 100)).toEqual({
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'id', type: 'integer' },
      ],
      values: [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      row_count: 3,
    });
  });

  it('cuts at max_rows and says to raise it', () => {
    const row = queryRowOf(result(50), 5);
    expect(row.values).toHaveLength(5);
    expect(row.more).toBe(
      '5 of 50 rows shown; raise max_rows, select fewer columns, or page with ORDER BY ... LIMIT/OFFSET',
    );
  });

  it('cuts at the byte budget, keeping at least one row, and says so', () => {
    const row = queryRowOf(result(100), 100, 40);
    expect(row.values.length).toBeGreaterThan(0);
    expect(row.values.length).toBeLessThan(100);
    expect(row.more).toContain('(cut at 40 bytes)');
    expect(queryRowOf(result(1), 100, 1).values).toEqual([[0, 0]]);
  });

  it('reports rows the adapter itself left out (its own cap)', () => {
    const row = queryRowOf(result(1000, { rowCount: 5000, truncated: true }), 1000);
    expect(row).toMatchObject({ row_count: 5000 });
    expect(row.more).toMatch(/^1000 of 5000 rows shown; select fewer columns/);
  });
});

describe('execRowOf', () => {
  const none = { ...result(0), columns: [] };

  it('answers the rows a write changed, not an empty result', () => {
    expect(execRowOf({ ...none, affectedRows: 4 }, 100, 'postgres')).toEqual({ changed: 4 });
    expect(execRowOf({ ...result(2), affectedRows: 2 }, 100, 'postgres')).toMatchObject({
      row_count: 2,
      changed: 2,
    });
  });

  it('says the engine gave no count rather than 0', () => {
    const row = execRowOf(none, 100, 'postgres');
    expect(row).not.toHaveProperty('row_count');
    expect(row.note).toBe('done; postgres reports no count of changed rows for this statement');
  });
});
