// biome-ignore-all lint/suspicious/noControlCharactersInRegex: these patterns exist to find control characters.

/**
 * Terminal escape sequences (ECMA-48): CSI (`ESC [` or the 8-bit CSI, parameters,
 * intermediates, a final byte), OSC, DCS, SOS, PM and APC strings up to their terminator
 * (BEL, `ESC \` or the 8-bit ST), and the two-byte escapes. Each part is bounded and
 * strings stop at the next ESC, so a scan is linear. Of an unterminated string only its
 * introducer goes; a control left over (or rebuilt by a removal) is shown as text below.
 */
const ESCAPE_SEQUENCE = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]{0,64}[\\u0020-\\u002f]{0,16}[\\u0040-\\u007e]',
    '(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d-\\u009f])[^\\u0007\\u001b\\u009c]{0,8192}(?:\\u0007|\\u001b\\\\|\\u009c)',
    '\\u001b[\\u0020-\\u002f]{0,8}[\\u0030-\\u007e]',
  ].join('|'),
  'g',
);

/**
 * What is left to show as `\uXXXX`: C0 controls except tab and newline, DEL, C1 controls,
 * and the bidi controls that reorder what a reader sees (embeddings, overrides and
 * isolates, U+202A-U+202E and U+2066-U+2069, and the marks U+061C, U+200E, U+200F).
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const HAS_CONTROL = new RegExp(CONTROL.source);

const visible = (c: string) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

/**
 * Makes text from a container safe to show: escape sequences (colours, cursor moves,
 * hyperlinks, clipboard writes) are removed, `\r\n` becomes `\n`, and every other control
 * character is replaced by its visible `\uXXXX` form, so nothing can restyle, hide or
 * reorder what the reader sees, and nothing is silently dropped. Linear time.
 */
export function sanitizeText(text: string): string {
  // Most text has nothing to do: one scan for any control character answers that.
  if (!HAS_CONTROL.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, '').replaceAll('\r\n', '\n').replace(CONTROL, visible);
}
