import { describe, expect, it } from 'vitest';
import { sanitizeText } from './sanitize-text.js';

const ESC = '\u001b';
const MB = 1_000_000;

describe('sanitizeText', () => {
  it('returns plain text, tabs, newlines and other scripts untouched', () => {
    const text = 'line one\n\tindented — ünïcödé 日本語 עברית';
    expect(sanitizeText(text)).toBe(text);
  });

  it.each([
    ['colours', `${ESC}[1;31mred${ESC}[0m`, 'red'],
    ['cursor moves and screen clears', `${ESC}[2J${ESC}[H${ESC}[10;20Hx`, 'x'],
    ['an OSC 8 hyperlink', `${ESC}]8;;http://127.0.0.1/${ESC}\\link${ESC}]8;;\u0007`, 'link'],
    ['an OSC 52 clipboard write', `a${ESC}]52;c;aGk=\u0007b`, 'ab'],
    ['a window title', `${ESC}]0;pwned\u0007ok`, 'ok'],
    ['a DCS string', `${ESC}Pq#0;2;0;0;0${ESC}\\done`, 'done'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['two-byte escapes', `${ESC}7saved${ESC}8`, 'saved'],
  ])('removes escape sequences: %s', (_what, input, output) => {
    expect(sanitizeText(input)).toBe(output);
  });

  it.each([
    ['right-to-left override', 'invoice\u202Etxt.exe', 'invoice\\u202etxt.exe'],
    ['isolates', 'a\u2066b\u2067c\u2068d\u2069', 'a\\u2066b\\u2067c\\u2068d\\u2069'],
    ['embeddings and pop', '\u202Ax\u202B\u202C', '\\u202ax\\u202b\\u202c'],
    ['marks', '\u200E\u200F\u061C', '\\u200e\\u200f\\u061c'],
    ['bell, backspace, NUL, DEL', 'a\u0007b\bc\u0000d\u007f', 'a\\u0007b\\u0008c\\u0000d\\u007f'],
    ['a lone carriage return', 'secret\rshown', 'secret\\u000dshown'],
    ['a C1 control', 'a\u0085b', 'a\\u0085b'],
  ])('shows other controls visibly: %s', (_what, input, output) => {
    expect(sanitizeText(input)).toBe(output);
  });

  it('turns CRLF into LF, and shows what a removal would rebuild', () => {
    expect(sanitizeText('a\r\nb')).toBe('a\nb');
    expect(sanitizeText(`${ESC}${ESC}[0m[31mred`)).toBe('\\u001b[31mred');
    expect(sanitizeText(`${ESC}]8;;unterminated`)).toBe('8;;unterminated');
  });

  it('is linear on 1 MB built against each sequence kind', () => {
    const hostile = [
      `${ESC}[`.repeat(MB / 2),
      `${ESC}[${'0;'.repeat(MB / 2)}`,
      `${ESC}]`.repeat(MB / 2),
      `${ESC}]${'a'.repeat(MB)}`,
      `${ESC}P`.repeat(MB / 2),
      '\u009b'.repeat(MB),
      '\u202e'.repeat(MB),
      `${ESC}${' '.repeat(MB)}`,
      '\r\n\r'.repeat(MB / 3),
    ];
    for (const input of hostile) expect(typeof sanitizeText(input)).toBe('string');
  });
});
