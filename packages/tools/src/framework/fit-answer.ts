import { fitBytes, jsonBytes } from './fit-bytes.js';
import type { Row, ToolOutput } from './tool-output.js';

/** Room kept for the note that says what was cut. */
const NOTE_ROOM = 240;

/**
 * An answer made to fit `limit` bytes of JSON, whatever one action returned: rows past
 * the first are dropped from the end, then the first row's longest values are cut (a
 * huge exec output, an inspect with huge labels), and per-host errors clipped. The note
 * says what was cut and how to ask for less. Runs on masked output, so a cut never
 * leaves part of a secret unmasked.
 */
export function fitAnswer(output: ToolOutput, limit: number): ToolOutput {
  if (jsonBytes(output) <= limit) return output;
  const { rows, errors, ...rest } = output;
  let budget = limit - jsonBytes({ rows: [], ...rest }) - NOTE_ROOM;
  const cut = new Set<string>();
  let kept: ToolOutput['errors'];
  if (errors) {
    const fitted = fitBytes(errors, Math.max(Math.floor(budget / 4), 200));
    kept = fitted.value as ToolOutput['errors'];
    for (const name of fitted.cut) cut.add(name === 'error' ? 'errors' : name);
    budget -= jsonBytes(kept) + 10;
  }
  let count = rows.length;
  let size = jsonBytes(rows);
  while (count > 1 && size > budget) {
    count -= 1;
    size -= jsonBytes(rows[count]) + 1;
  }
  const shown: Row[] = rows.slice(0, count);
  if (count < rows.length) cut.add(`${rows.length - count} of ${rows.length} rows`);
  const [first] = shown;
  if (first !== undefined && size > budget) {
    const fitted = fitBytes(first, Math.max(budget - 2, 0));
    shown[0] = fitted.value as Row;
    for (const name of fitted.cut) cut.add(name);
  }
  const why = `answer cut to ${limit} bytes (${[...cut].join(', ').slice(0, 120)}); ask for less: fields, limit, max_bytes, tail or filters`;
  return {
    ...rest,
    rows: shown,
    ...(kept ? { errors: kept } : {}),
    note: rest.note ? `${rest.note}; ${why}` : why,
  };
}
