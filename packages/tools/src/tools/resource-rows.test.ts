import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isoTime, labelParam, listKey, rowUnion, shortId } from './resource-rows.js';

describe('resource rows', () => {
  it('shortens ids and reads engine times', () => {
    expect(shortId(`sha256:${'ab'.repeat(32)}`)).toBe('abababababab');
    expect(isoTime(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
    expect(isoTime('2023-11-14T22:13:20.5Z')).toBe('2023-11-14T22:13:20.500Z');
    expect(isoTime('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(isoTime(undefined)).toBeUndefined();
  });

  it('keys rows newest first, then by host and id, without a created time last', () => {
    const a = listKey({ created: '2023-11-14T22:13:20.000Z', id: 'aaa', host: 'h' });
    expect(a).toEqual([1_700_000_000, 'h/aaa']);
    expect(listKey({ name: 'vol' })).toEqual([0, '/vol']);
  });

  it('takes key and key=value labels, never a flag', () => {
    expect(labelParam.parse(['app', 'tier=web', 'a.b/c=x y'])).toEqual(['app', 'tier=web', 'a.b/c=x y']);
    expect(labelParam.safeParse(['-x']).success).toBe(false);
    expect(labelParam.safeParse(['a b']).success).toBe(false);
  });
});

describe('rowUnion', () => {
  it('merges the fields of every kind as optional, refusing one name with two types', () => {
    const merged = rowUnion(
      z.object({ id: z.string(), size: z.string() }),
      z.object({ id: z.string(), n: z.number() }),
    );
    expect(Object.keys(merged.shape)).toEqual(['id', 'size', 'n']);
    expect(merged.safeParse({}).success).toBe(true);
    expect(() => rowUnion(z.object({ size: z.string() }), z.object({ size: z.number() }))).toThrow(/size/);
  });
});
