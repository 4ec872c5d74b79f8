/** One row of `sqlite3 -json` output, its columns in order (duplicates and numeric names kept). */
export interface JsonRow {
  names: string[];
  values: Array<string | number | null>;
}

// The shell prints each row as one object of `"name":value` pairs; values are JSON
// numbers, strings or null. Read in order, not by JSON.parse (which merges duplicate
// names and moves numeric ones first).
const PAIR = /"((?:[^"\\]|\\.)*)":(null|-?[0-9][0-9.eE+-]*|"(?:[^"\\]|\\.)*")[,}]/y;

/** A JSON number that loses nothing as a JS number stays one; others stay as written. */
function value(text: string): string | number | null {
  if (text === 'null') return null;
  if (text.startsWith('"')) return JSON.parse(text) as string;
  const n = Number(text);
  if (/^-?[0-9]+$/.test(text)) return Number.isSafeInteger(n) ? n : text;
  return Number.isFinite(n) ? n : text;
}

/**
 * Parses the rows of `.mode json`. Rows start at `{` at the beginning of a line; a row cut
 * off by a byte cap does not close and is left out (`cut`).
 */
export function parseSqliteJson(text: string): { rows: JsonRow[]; cut: boolean } {
  const rows: JsonRow[] = [];
  let cut = false;
  let at = text.indexOf('{');
  while (at >= 0) {
    PAIR.lastIndex = at + 1;
    const row: JsonRow = { names: [], values: [] };
    let closed = false;
    for (let m = PAIR.exec(text); m; m = PAIR.exec(text)) {
      row.names.push(JSON.parse(`"${m[1] ?? ''}"`) as string);
      row.values.push(value(m[2] ?? 'null'));
      if (text[PAIR.lastIndex - 1] === '}') {
        closed = true;
        break;
      }
    }
    if (!closed) {
      cut = true;
      break;
    }
    rows.push(row);
    at = text.indexOf('\n{', PAIR.lastIndex);
    if (at >= 0) at += 1;
  }
  return { rows, cut };
}
