import { parse } from 'csv-parse/sync';

/**
 * CSV records (RFC 4180, quoted fields may hold newlines). When the text was cut by a byte
 * cap, the last record may be incomplete: it is dropped, and `cut` says a record was lost.
 */
export function csvRecords(text: string, truncated: boolean): { records: string[][]; cut: boolean } {
  const options = { relax_column_count: true, skip_empty_lines: false } as const;
  if (!truncated) return { records: parse(text, options) as string[][], cut: false };
  let end = text.lastIndexOf('\n');
  // A cut inside a quoted field leaves an unbalanced quote: step back a line until it parses.
  for (let tries = 0; end > 0 && tries < 64; tries++) {
    try {
      return { records: parse(text.slice(0, end + 1), options) as string[][], cut: true };
    } catch {
      end = text.lastIndexOf('\n', end - 1);
    }
  }
  return { records: [], cut: true };
}
