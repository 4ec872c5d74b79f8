import { describe, expect, it } from 'vitest';
import { shapeRows } from './shape-rows.js';

const rows = Array.from({ length: 7 }, (_, i) => ({ name: `c${i}`, state: 'running', image: 'busybox' }));
const limits = { rows: 3, maxRows: 5, bytes: 10_000 };

describe('shapeRows', () => {
  it('pages with a keyset cursor and says how to get the rest', () => {
    const first = shapeRows(rows, { fanOut: false }, limits);
    expect(first.rows.map((r) => r.name)).toEqual(['c0', 'c1', 'c2']);
    expect(first.note).toContain('7 rows in all');
    const second = shapeRows(rows, { fanOut: false, cursor: first.next }, limits);
    expect(second.rows.map((r) => r.name)).toEqual(['c3', 'c4', 'c5']);
    const last = shapeRows(rows, { fanOut: false, cursor: second.next }, limits);
    expect(last.rows.map((r) => r.name)).toEqual(['c6']);
    expect(last.next).toBeUndefined();
  });

  it('never skips a survivor when rows shown earlier are deleted between pages', () => {
    const byAge = rows.map((r, i) => ({ ...r, created: 100 - i }));
    const key = (r: Record<string, unknown>) => [r.created as number, r.name as string] as const;
    const first = shapeRows(byAge, { fanOut: false, key }, limits);
    expect(first.rows.map((r) => r.name)).toEqual(['c0', 'c1', 'c2']);
    // c0 and c1 are removed, and a newer container appears, before page two is asked.
    const now = [{ name: 'new', state: 'running', image: 'x', created: 200 }, ...byAge.slice(2)];
    const second = shapeRows(now, { fanOut: false, key, cursor: first.next }, limits);
    expect(second.rows.map((r) => r.name)).toEqual(['c3', 'c4', 'c5']);
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
    expect(out.note).toContain('page cut at 120 bytes');
    const rest = shapeRows(rows, { fanOut: false, limit: 5, cursor: out.next }, { ...limits, bytes: 120 });
    expect(rest.rows[0]?.name).toBe(`c${out.rows.length}`);
  });
});
