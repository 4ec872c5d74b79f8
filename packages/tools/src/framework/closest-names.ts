/** Levenshtein distance, capped work for short identifiers. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidates most like `wanted` (substring matches first, then by edit distance),
 * so "not found" errors can say "did you mean ...".
 */
export function closestNames(wanted: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = wanted.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const hay = name.toLowerCase();
    const score = hay.includes(needle) || needle.includes(hay) ? 0 : distance(needle, hay);
    if (score <= Math.max(1, Math.floor(needle.length * 0.4))) scored.push({ name, score });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** The hint after "not found": close names, or `otherwise` when none is close. */
export function didYouMean(wanted: string, candidates: Iterable<string>, otherwise: string): string {
  const close = closestNames(wanted, candidates);
  return close.length > 0 ? `did you mean ${close.join(', ')}?` : otherwise;
}
