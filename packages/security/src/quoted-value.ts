/** Where a value starts and ends in a text (end exclusive), and the quote around it. */
export interface ValueSpan {
  start: number;
  end: number;
  quote: string;
}

/** Longest quoted value looked for: a longer one is read as bare, so scans stay linear. */
const MAX_QUOTED = 4_096;

/**
 * The value at `at`: inside `"…"`, `'…'` or `\"…\"` (JSON-escaped) when it is quoted and
 * closes on the same line, else bare up to the first character `stops` accepts. `"` quotes
 * honour backslash escapes, as JSON does. An empty value is undefined.
 */
export function valueAt(text: string, at: number, stops: (c: string) => boolean): ValueSpan | undefined {
  const quote = text.startsWith('\\"', at)
    ? '\\"'
    : text[at] === '"' || text[at] === "'"
      ? (text[at] ?? '')
      : '';
  if (quote !== '') {
    const start = at + quote.length;
    const limit = Math.min(text.length, start + MAX_QUOTED);
    for (let i = start; i < limit; i++) {
      const c = text[i];
      if (c === '\n') break;
      if (text.startsWith(quote, i)) return i > start ? { start, end: i, quote } : undefined;
      if (c === '\\' && quote === '"') i++;
    }
  }
  const start = quote === '' ? at : at + quote.length;
  let end = start;
  while (end < text.length && !stops(text[end] ?? '')) end++;
  return end > start ? { start, end, quote: '' } : undefined;
}
