/** Columns keep at least this many characters when a table is cut to the terminal. */
const MIN_WIDTH = 8;

/**
 * Widths of columns (content only, gaps apart) that fit `total` characters: the widest
 * column gives up characters first, down to MIN_WIDTH (or its own width when smaller).
 * Without a total (not a terminal), every column keeps its natural width.
 */
export function fitWidths(natural: readonly number[], gap: number, total: number | undefined): number[] {
  const widths = [...natural];
  if (total === undefined) return widths;
  const room = total - gap * Math.max(widths.length - 1, 0);
  let excess = widths.reduce((sum, w) => sum + w, 0) - room;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      const w = widths[i] as number;
      if (w > MIN_WIDTH && (widest < 0 || w > (widths[widest] as number))) widest = i;
    }
    if (widest < 0) break;
    const second = Math.max(MIN_WIDTH, ...widths.filter((_, i) => i !== widest));
    const take = Math.min(excess, Math.max((widths[widest] as number) - second, 1));
    widths[widest] = (widths[widest] as number) - take;
    excess -= take;
  }
  return widths;
}
