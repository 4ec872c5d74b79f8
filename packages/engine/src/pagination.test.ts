import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import { paginate } from './pagination.js';

interface Item {
  created: number;
  id: string;
}
const key = (i: Item) => [i.created, i.id] as const;
const items: Item[] = [
  { created: 10, id: 'c' },
  { created: 30, id: 'a' },
  { created: 20, id: 'b' },
  { created: 20, id: 'a' },
  { created: 5, id: 'z' },
];

describe('paginate', () => {
  it('orders newest first, then by id, whatever the input order', () => {
    const ids = paginate(items, key).items.map((i) => `${i.created}${i.id}`);
    expect(ids).toEqual(['30a', '20a', '20b', '10c', '5z']);
    expect(paginate([...items].reverse(), key).items).toEqual(paginate(items, key).items);
  });

  it('walks all pages with the cursor and reports the total on each', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = paginate(items, key, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.total).toBe(5);
      seen.push(...page.items.map((i) => `${i.created}${i.id}`));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['30a', '20a', '20b', '10c', '5z']);
  });

  it('does not shift pages when items appear or vanish between calls', () => {
    const first = paginate(items, key, { limit: 2 });
    const changed = [...items.filter((i) => i.id !== 'a' || i.created !== 30), { created: 40, id: 'new' }];
    const second = paginate(changed, key, { limit: 2, cursor: first.nextCursor as string });
    expect(second.items.map((i) => `${i.created}${i.id}`)).toEqual(['20b', '10c']);
  });

  it('never skips a survivor when rows vanish between pages, the cursor row included', () => {
    const rows: Item[] = Array.from({ length: 8 }, (_, i) => ({
      created: 100 - Math.floor(i / 2),
      id: `r${i}`,
    }));
    const first = paginate(rows, key, { limit: 3 });
    expect(first.items.map((i) => i.id)).toEqual(['r0', 'r1', 'r2']);
    // The cursor row (r2), a row before it and the next row after it are all removed.
    const survivors = rows.filter((i) => !['r1', 'r2', 'r3'].includes(i.id));
    const second = paginate(survivors, key, { limit: 3, cursor: first.nextCursor as string });
    expect(second.items.map((i) => i.id)).toEqual(['r4', 'r5', 'r6']);
    const third = paginate(survivors, key, { limit: 3, cursor: second.nextCursor as string });
    expect(third.items.map((i) => i.id)).toEqual(['r7']);
    expect(third.nextCursor).toBeUndefined();
  });

  it('has no next cursor on the last page', () => {
    expect(paginate(items, key, { limit: 5 }).nextCursor).toBeUndefined();
    expect(paginate([], key, { limit: 5 })).toEqual({ items: [], total: 0 });
  });

  it('rejects a forged cursor and a bad limit as INVALID', () => {
    for (const options of [
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from('{"v":2}').toString('base64url') },
      { limit: 0 },
    ]) {
      const error = (() => {
        try {
          paginate(items, key, options);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('INVALID');
    }
  });
});
