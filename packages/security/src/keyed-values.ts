import { valueAt } from './quoted-value.js';

/**
 * A key and its separator anywhere in a line: `key=value`, `--key=value`, `key: value`,
 * `"key": "value"`, `'key': 'value'`, `\"key\": \"value\"`. The look-behind lets a key
 * start only where no key character precedes it, so scans never overlap (linear time),
 * and a match ends at the separator, so a value is searched for keys of its own
 * (`label=token=x`).
 */
const KEY_SEPARATOR =
  /(?<![A-Za-z0-9_.-])(\\?["']|)(-{0,2}[A-Za-z_][A-Za-z0-9_.-]{0,127})\1[ \t]{0,16}([=:])[ \t]{0,16}/g;

const STOPS = new Set([...' \t\n\r\f\v&;,\'"})]<>']);
/** Where a bare value ends: whitespace, a quote, or what separates pairs and closes groups. */
const isStop = (c: string) => STOPS.has(c) || (c > '\u007f' && /\s/.test(c));
const isLineEnd = (c: string) => c === '\n';
/** Header-like keys whose value is the rest of the line (`Cookie: a=1; b=2`). */
const WHOLE_LINE = /cookie|authori[sz]ation/i;

/**
 * Masks the value of every secret-looking key in `text`, wherever the pair sits in a
 * line. A bare value behind a `"key"` gets the key's quotes so JSON stays JSON.
 */
export function maskKeyedValues(text: string, isSecretKey: (key: string) => boolean, mask: string): string {
  let out = '';
  let last = 0;
  KEY_SEPARATOR.lastIndex = 0;
  for (let m = KEY_SEPARATOR.exec(text); m; m = KEY_SEPARATOR.exec(text)) {
    const [, quote = '', key = '', separator] = m;
    const at = m.index + m[0].length;
    // `scheme://` is a URL, not a pair.
    if (separator === ':' && text.startsWith('//', at)) continue;
    // An object or a list: its own pairs are found as the scan goes on.
    if (text[at] === '{' || text[at] === '[') continue;
    if (!isSecretKey(key.replace(/^-+/, ''))) continue;
    const wholeLine = separator === ':' && quote === '' && WHOLE_LINE.test(key);
    const value = valueAt(text, at, wholeLine ? isLineEnd : isStop);
    if (!value) continue;
    const wrap = value.quote === '' ? quote : '';
    out += `${text.slice(last, value.start)}${wrap}${mask}${wrap}`;
    last = value.end;
    KEY_SEPARATOR.lastIndex = Math.max(value.end, at);
  }
  return out + text.slice(last);
}
