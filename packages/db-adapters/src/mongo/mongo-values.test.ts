import { describe, expect, it } from 'vitest';
import { documentRows } from './mongo-values.js';

describe('documentRows', () => {
  it('types columns by BSON type and turns canonical EJSON into plain cells', () => {
    const docs = JSON.parse(
      '[{"_id":{"$oid":"65f0c0ffee0000000000abcd"},"n":{"$numberInt":"1"},"price":{"$numberDouble":"2.5"},"big":{"$numberLong":"9007199254740993"},"when":{"$date":{"$numberLong":"0"}},"tags":["a",{"$numberInt":"2"}],"ok":true},' +
        '{"_id":{"$oid":"65f0c0ffee0000000000abce"},"n":null,"extra":"x"}]',
    );
    const { columns, rows } = documentRows(docs);
    expect(columns).toEqual([
      { name: '_id', type: 'objectId' },
      { name: 'n', type: 'int' },
      { name: 'price', type: 'double' },
      { name: 'big', type: 'long' },
      { name: 'when', type: 'date' },
      { name: 'tags', type: 'array' },
      { name: 'ok', type: 'bool' },
      { name: 'extra', type: 'string' },
    ]);
    expect(rows).toEqual([
      [
        '65f0c0ffee0000000000abcd',
        1,
        2.5,
        '9007199254740993',
        '1970-01-01T00:00:00.000Z',
        '["a",2]',
        true,
        null,
      ],
      ['65f0c0ffee0000000000abce', null, null, null, null, null, null, 'x'],
    ]);
  });
});
