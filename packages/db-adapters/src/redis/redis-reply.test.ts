import { describe, expect, it } from 'vitest';
import { replyTable } from './redis-reply.js';

describe('replyTable', () => {
  it('reads a map as field and value rows', () => {
    expect(replyTable('{"a":"1","b":"2"}')).toEqual({
      columns: [{ name: 'field' }, { name: 'value' }],
      rows: [
        ['a', '1'],
        ['b', '2'],
      ],
    });
  });

  it('reads an array of scalars as one value per row, and pairs as columns', () => {
    expect(replyTable('["x",null,3]').rows).toEqual([['x'], [null], [3]]);
    expect(replyTable('[["a","1"],["b","2"]]').columns).toEqual([{ name: '1' }, { name: '2' }]);
  });

  it('keeps a scalar, null and text that is not JSON as one value', () => {
    expect(replyTable('"OK"').rows).toEqual([['OK']]);
    expect(replyTable('null').rows).toEqual([[null]]);
    expect(replyTable('# Server\nredis_version:7.0.15').rows).toEqual([['# Server\nredis_version:7.0.15']]);
  });
});
