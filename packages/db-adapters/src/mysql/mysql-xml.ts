/** One result set of `mysql --xml`: column names as the rows name them, NULL as null. */
export interface XmlResultSet {
  columns: string[];
  rows: Array<Array<string | null>>;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

// The client escapes `<`, `>`, `&` and `"` in values and names, so neither holds a raw `<` or `"`.
const FIELD = /<field name="([^"]*)"(?: xsi:nil="true" \/>|>([^<]*)<\/field>)/g;
const ROW = /<row>([\s\S]*?)<\/row>/g;

/**
 * Parses the XML the mysql and mariadb clients print with `--xml` (one `<resultset>` per
 * statement that returned rows). A row cut off by a byte cap has no `</row>` and is left
 * out; `cut` says so.
 */
export function parseMysqlXml(text: string): { sets: XmlResultSet[]; cut: boolean } {
  const sets: XmlResultSet[] = [];
  const parts = text.split(/<resultset [^>]*>/).slice(1);
  let cut = false;
  for (const part of parts) {
    const set: XmlResultSet = { columns: [], rows: [] };
    const closed = part.lastIndexOf('</row>');
    if (!part.includes('</resultset>') && part.indexOf('<row>', closed) >= 0) cut = true;
    for (const [, body = ''] of part.matchAll(ROW)) {
      const names: string[] = [];
      const values: Array<string | null> = [];
      for (const [, name = '', value] of body.matchAll(FIELD)) {
        names.push(decode(name));
        values.push(value === undefined ? null : decode(value));
      }
      if (set.columns.length === 0) set.columns = names;
      set.rows.push(values);
    }
    sets.push(set);
  }
  return { sets, cut };
}

/** Column names and types from `--column-type-info` (printed in `--table` mode). */
export function parseColumnTypes(text: string): Array<{ name: string; type: string }> {
  const columns: Array<{ name: string; type: string }> = [];
  for (const line of text.split('\n')) {
    const field = /^Field\s+\d+:\s+`(.*)`$/.exec(line);
    if (field) columns.push({ name: field[1] ?? '', type: '' });
    const type = /^Type:\s+(\S+)/.exec(line);
    const last = columns[columns.length - 1];
    if (type && last && last.type === '') last.type = type[1] ?? '';
  }
  return columns;
}
