/**
 * PEM private keys (RFC 7468: `-----BEGIN <kind>PRIVATE KEY-----` ... `-----END ...`),
 * whole, cut short (a log tail, a clipped line) or spread over log lines. The headers stay
 * so a reader sees what was there; the key material is masked.
 */
const BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----/g;
const END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----/g;
// Key material of a block with no END: base64, line breaks (also JSON-escaped) and the
// `Proc-Type: 4,ENCRYPTED` style headers of old PEM.
const BODY = /(?:\\[nr]|[\sA-Za-z0-9+/=:,-])+/y;
/** A line of base64 key material on its own. */
const BASE64_LINE = /^[A-Za-z0-9+/=]{16,}$/;

function find(re: RegExp, text: string, from: number): { start: number; end: number } | undefined {
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

/**
 * Masks the material of every private key in `text`. One pass: each BEGIN is paired with
 * the next END by a forward search that never goes back, so hostile input stays linear;
 * once no END is left, the material after each BEGIN is masked up to where it stops.
 */
export function maskPrivateKeyBlocks(text: string, mask: string): string {
  let out = '';
  let at = 0;
  let endsLeft = true;
  for (let begin = find(BEGIN, text, 0); begin; begin = find(BEGIN, text, at)) {
    out += text.slice(at, begin.end);
    const end = endsLeft ? find(END, text, begin.end) : undefined;
    if (end) {
      out += mask;
      at = end.start;
      continue;
    }
    endsLeft = false;
    BODY.lastIndex = begin.end;
    const body = BODY.exec(text);
    if (body) out += mask;
    at = begin.end + (body?.[0].length ?? 0);
  }
  return out + text.slice(at);
}

/**
 * Masks private keys spread over lines (a container that printed one): the lines between
 * a BEGIN line and its END line, and, when the lines start inside a key (a log tail), the
 * base64 lines just before an END that has no BEGIN. `lines` are already masked one by one.
 */
export function maskPrivateKeyLines(lines: readonly string[], mask: string): string[] {
  const out = [...lines];
  let inside = false;
  for (const [i, line] of lines.entries()) {
    if (inside) {
      if (find(END, line, 0)) inside = false;
      else out[i] = mask;
      continue;
    }
    const begin = find(BEGIN, line, 0);
    if (begin) {
      inside = !find(END, line, begin.end);
      continue;
    }
    if (!find(END, line, 0)) continue;
    // An END with no BEGIN: the key started before these lines; each line is masked once.
    for (let j = i - 1; j >= 0 && out[j] !== mask && BASE64_LINE.test(lines[j] ?? ''); j--) out[j] = mask;
  }
  return out;
}
