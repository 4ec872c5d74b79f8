import { EngineError } from './engine-error.js';

/** A page of a list: the items, how many matched in all, and the cursor of the next page. */
export interface Page<T> {
  items: T[];
  /** How many items matched the filters, over all pages. */
  total: number;
  /** Pass it back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

export interface PageOptions {
  /** Items per page; all when absent. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** A sort key: compared element by element; `desc` flips numbers (newest first). */
export type SortKey = readonly [created: number, id: string];

function encode(key: SortKey): string {
  return Buffer.from(JSON.stringify({ v: 1, k: key })).toString('base64url');
}

function decode(cursor: string): SortKey {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      v?: unknown;
      k?: unknown;
    };
    const [created, id] = Array.isArray(parsed.k) ? parsed.k : [];
    if (parsed.v === 1 && typeof created === 'number' && typeof id === 'string') return [created, id];
  } catch {
    // falls through to the error below
  }
  throw new EngineError('INVALID', 'cursor is not one this list returned; start again without a cursor', {
    field: 'cursor',
  });
}

/** Newest first, then by id: the same order on every call, whatever order the engine used. */
export function compareKeys(a: SortKey, b: SortKey): number {
  if (a[0] !== b[0]) return b[0] - a[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/**
 * Keyset pagination over one in-memory answer: the cursor holds the sort key of the last
 * item shown, so items created or removed between calls never shift a page.
 */
export function paginate<T>(
  all: readonly T[],
  keyOf: (item: T) => SortKey,
  options: PageOptions = {},
): Page<T> {
  const { limit, cursor } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw new EngineError('INVALID', 'limit must be a positive integer', { field: 'limit' });
  }
  const sorted = [...all].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
  const after = cursor === undefined ? undefined : decode(cursor);
  const rest = after ? sorted.filter((item) => compareKeys(keyOf(item), after) > 0) : sorted;
  const items = limit === undefined ? rest : rest.slice(0, limit);
  const last = items[items.length - 1];
  const page: Page<T> = { items, total: sorted.length };
  if (last !== undefined && items.length < rest.length) page.nextCursor = encode(keyOf(last));
  return page;
}
