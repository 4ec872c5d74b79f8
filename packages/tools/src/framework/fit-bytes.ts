/** Bytes of `value` as JSON: what it costs in structuredContent and in an answer's text. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}

/** Bytes one character costs inside a JSON string. */
function charBytes(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code === 0x22 || code === 0x5c || code === 0x08 || code === 0x0c) return 2;
  if (code === 0x0a || code === 0x0d || code === 0x09) return 2;
  if (code < 0x20) return 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  // A lone surrogate is written as a \u escape.
  if (code >= 0xd800 && code <= 0xdfff) return 6;
  return code < 0x10000 ? 3 : 4;
}

/** What ends a cut string: how much of it was left out, and how to get it when that is known. */
export function cutMarker(bytes: number, how?: string): string {
  return how ? `…[+${bytes} bytes; ${how}]` : `…[+${bytes} bytes]`;
}

/** A marker at the end of a text cut before, and the bytes it says were left out. */
function priorCut(text: string): { head: string; left: number } | undefined {
  const tail = text.slice(-120);
  const found = /…\[\+(\d+) bytes(?:; [^\]]*)?\]$/.exec(tail);
  if (!found) return undefined;
  return { head: text.slice(0, text.length - found[0].length), left: Number(found[1]) };
}

/**
 * `text` cut so that it fits `maxBytes` as a JSON string: its head kept, a marker saying
 * how many bytes were left out at its end (and `how` to get them). `total` is what the
 * text stands for when it was cut before (an engine's output cap), so the marker counts
 * those bytes too; a text that already ends with a marker keeps counting what it said.
 * Looks at each kept character once.
 */
export function clipString(
  text: string,
  maxBytes: number,
  options: { total?: number; how?: string } = {},
): string {
  if (jsonBytes(text) <= maxBytes && (options.total ?? 0) <= Buffer.byteLength(text)) return text;
  const prior = options.total === undefined ? priorCut(text) : undefined;
  if (prior) text = prior.head;
  const total = options.total ?? Buffer.byteLength(text) + (prior?.left ?? 0);
  const room = maxBytes - 2 - Buffer.byteLength(cutMarker(total, options.how));
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const cost = charBytes(ch);
    if (used + cost > room) break;
    used += cost;
    end += ch.length;
  }
  const kept = text.slice(0, end);
  return kept + cutMarker(total - Buffer.byteLength(kept), options.how);
}

/** Below this share an entry is not worth keeping cut: arrays and maps drop entries instead. */
const MIN_SHARE = 48;

interface Fit {
  /** Names of the fields that were cut (the nearest object key of each cut). */
  cut: Set<string>;
}

/**
 * `value` made to fit `maxBytes` as JSON, as near as the shapes allow: long strings keep
 * their head, arrays keep whole elements (both ends, or the head), maps nested in a row
 * keep their first entries; the keys of a row are never dropped, only their values cut.
 */
export function fitBytes(value: unknown, maxBytes: number): { value: unknown; cut: string[] } {
  const fit: Fit = { cut: new Set() };
  const fitted = shrink(value, maxBytes, '', 0, fit);
  return { value: fitted, cut: [...fit.cut].filter((name) => name !== '') };
}

function shrink(value: unknown, budget: number, key: string, depth: number, fit: Fit): unknown {
  if (jsonBytes(value) <= budget) return value;
  if (typeof value === 'string') {
    fit.cut.add(key);
    return clipString(value, budget);
  }
  if (Array.isArray(value)) return shrinkArray(value, budget, key, depth, fit);
  if (value !== null && typeof value === 'object') {
    return shrinkObject(value as Record<string, unknown>, budget, key, depth, fit);
  }
  return value;
}

/**
 * Whole elements from both ends, the last first (a log's newest line, then its first);
 * when even that one does not fit, it is cut. A marker element says how many went.
 */
function shrinkArray(items: unknown[], budget: number, key: string, depth: number, fit: Fit) {
  fit.cut.add(key);
  const strings = items.every((item) => typeof item === 'string');
  const order: number[] = [];
  for (let head = 0, tail = items.length - 1; head <= tail; ) {
    order.push(tail--);
    if (head <= tail) order.push(head++);
  }
  // Room for the brackets and for the marker element that says how many went.
  let remaining = budget - 2 - (strings ? jsonBytes(`…[${items.length} items cut]`) + 1 : 0);
  const taken = new Map<number, unknown>();
  for (const index of order) {
    const size = jsonBytes(items[index]) + 1;
    if (size <= remaining) {
      taken.set(index, items[index]);
      remaining -= size;
    } else if (taken.size === 0) {
      const cut = shrink(items[index], remaining - 1, key, depth + 1, fit);
      taken.set(index, cut);
      remaining -= jsonBytes(cut) + 1;
    } else break;
  }
  const kept = [...taken.keys()].sort((a, b) => a - b);
  const out: unknown[] = [];
  let gapAt = -1;
  for (const [i, index] of kept.entries()) {
    if (i > 0 && index !== (kept[i - 1] as number) + 1) gapAt = out.length;
    out.push(taken.get(index));
  }
  const left = items.length - kept.length;
  if (strings && left > 0) {
    const marker = `…[${left} items cut]`;
    if (gapAt >= 0) out.splice(gapAt, 0, marker);
    else if (kept[0] !== 0) out.unshift(marker);
    else out.push(marker);
  }
  return out;
}

/**
 * Values cut to fair shares, smallest first (small fields stay whole). A map nested in a
 * row whose keys alone pass the budget keeps its first entries, and a `…` entry says how
 * many went when its values are strings.
 */
function shrinkObject(object: Record<string, unknown>, budget: number, key: string, depth: number, fit: Fit) {
  const entries = Object.entries(object);
  const keyCost = (k: string) => jsonBytes(k) + 2;
  const fixed = 2 + entries.reduce((sum, [k]) => sum + keyCost(k), 0);
  if (depth > 0 && fixed + MIN_SHARE * entries.length > budget) {
    fit.cut.add(key);
    const strings = entries.every(([, v]) => typeof v === 'string');
    let remaining = budget - 2 - (strings ? jsonBytes({ '…': `${entries.length} entries cut` }) : 0);
    const out: Record<string, unknown> = {};
    let kept = 0;
    for (const [k, v] of entries) {
      const size = keyCost(k) + jsonBytes(v);
      if (size > remaining) break;
      out[k] = v;
      remaining -= size;
      kept++;
    }
    if (strings) out['…'] = `${entries.length - kept} entries cut`;
    return out;
  }
  const sized = entries.map(([k, v]) => ({ k, v, size: jsonBytes(v) })).sort((a, b) => a.size - b.size);
  let remaining = budget - fixed;
  const values = new Map<string, unknown>();
  sized.forEach(({ k, v, size }, i) => {
    const share = Math.floor(remaining / (sized.length - i));
    const out = size <= share ? v : shrink(v, Math.max(share, 0), k, depth + 1, fit);
    values.set(k, out);
    remaining -= jsonBytes(out);
  });
  return Object.fromEntries(entries.map(([k]) => [k, values.get(k)]));
}
