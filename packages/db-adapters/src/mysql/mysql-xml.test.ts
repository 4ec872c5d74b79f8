import { describe, expect, it } from 'vitest';
import { parseColumnTypes, parseMysqlXml } from './mysql-xml.js';

// As mariadb 10.11 printed it for: SELECT 1 AS a, NULL AS b, '' AS c, 'NULL' AS d, 'x<y&"z"' AS e
const XML = `<?xml version="1.0"?>

<resultset statement="EXECUTE s" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <row>
\t<field name="a">1</field>
\t<field name="b" xsi:nil="true" />
\t<field name="c"></field>
\t<field name="d">NULL</field>
\t<field name="e">x&lt;y&amp;&quot;z&quot;</field>
  </row>
</resultset>
`;

describe('parseMysqlXml', () => {
  it('keeps NULL apart from empty and from the string NULL, and decodes entities', () => {
    expect(parseMysqlXml(XML)).toEqual({
      sets: [{ columns: ['a', 'b', 'c', 'd', 'e'], rows: [['1', null, '', 'NULL', 'x<y&"z"']] }],
      cut: false,
    });
  });

  it('drops a row cut off by a byte cap and says so', () => {
    const cut = XML.replace('</resultset>\n', '  <row>\n\t<field name="a">2</fie');
    expect(parseMysqlXml(cut)).toEqual({
      sets: [{ columns: ['a', 'b', 'c', 'd', 'e'], rows: [['1', null, '', 'NULL', 'x<y&"z"']] }],
      cut: true,
    });
  });

  it('reads names and types from --column-type-info', () => {
    const info =
      'Field   1:  `id`\nCatalog:    `def`\nType:       LONG\n\nField   2:  `na``me`\nType:       VAR_STRING\n';
    expect(parseColumnTypes(info)).toEqual([
      { name: 'id', type: 'LONG' },
      { name: 'na``me', type: 'VAR_STRING' },
    ]);
  });
});
