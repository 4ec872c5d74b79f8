import { describe, expect, it } from 'vitest';
import { parseSqliteJson } from './sqlite-json.js';

// As sqlite3 3.40 printed: SELECT 1 AS "2", 'a' AS x, NULL AS x, 1.5, 9007199254740993, 'q"\n{' UNION ALL ...
const OUT = `[{"2":1,"x":"a","x":null,"1.5":1.5,"big":9007199254740993,"s":"q\\"\\n{"},
{"2":2,"x":"","x":"b","1.5":-0.25,"big":1,"s":"\\u00fc"}]
`;

describe('parseSqliteJson', () => {
  it('keeps column order, duplicate names, NULL, and exact integers', () => {
    expect(parseSqliteJson(OUT)).toEqual({
      rows: [
        {
          names: ['2', 'x', 'x', '1.5', 'big', 's'],
          values: [1, 'a', null, 1.5, '9007199254740993', 'q"\n{'],
        },
        { names: ['2', 'x', 'x', '1.5', 'big', 's'], values: [2, '', 'b', -0.25, 1, 'ü'] },
      ],
      cut: false,
    });
  });

  it('leaves out a row cut off by a byte cap', () => {
    const { rows, cut } = parseSqliteJson(OUT.slice(0, OUT.indexOf('"b"')));
    expect(rows).toHaveLength(1);
    expect(cut).toBe(true);
  });
});
