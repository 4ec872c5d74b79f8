import { describe, expect, it } from 'vitest';
import { shapeRows } from './shape-rows.js';

const rows = Array.from({ length: 7 }, (_, i) => ({ name: `c${i}`, state: 'running', image: 'busybox' }));
const limits = { rows: 3, maxRows: 5, bytes: 10_000 };

describe('shapeRows', () => {
  it('pages with a cursor and says how to get the rest', () => {
    const first = shapeRows(rows, { fanOut: false }, limits);
    expect(first.rows.map((r) => r.name)).toEqual(['c0', 'c1', 'c2']);
    expect(first.next).toBe('3');
    expect(first.note).toContain('4 more rows');
    const last = shapeRows(rows, { fanOut: false, cursor: '6' }, limits);
    expect(last.rows.map((r) => r.name)).toEqual(['c6']);
    expect(last.next).toBeUndefined();
  });

  it('keeps only the asked fields, and host on fan-out', () => {
    const out = shapeRows(
      rows.map((r) => ({ host: 'a', ...r })),
      { fanOut: true, fields: ['name'] },
      limits,
    );
    expect(out.rows[0]).toEqual({ host: 'a', name: 'c0' });
  });

  it('refuses unknown fields, naming the ones rows have', () => {
    expect(() => shapeRows(rows, { fanOut: false, fields: ['nope'] }, limits)).toThrow(
      /Unknown field 'nope'; rows have: name, state, image/,
    );
  });

  it('drops rows past the byte cap and points at fields', () => {
    const out = shapeRows(rows, { fanOut: false, limit: 5 }, { ...limits, bytes: 120 });
    expect(out.rows.length).toBeLessThan(5);
    expect(out.note).toContain('byte cap 120');
    expect(out.next).toBe(String(out.rows.length));
  });
});
