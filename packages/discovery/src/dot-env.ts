import { DiscoveryError } from './discovery-error.js';
import { interpolateString, type Lookup } from './interpolate.js';

const LINE_KEY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(=)?/;

export interface ParseDotEnvOptions {
  /** Variables `${...}` in values may name; wins over earlier lines, as in compose. Default: none. */
  lookup?: Lookup;
  /** The file, for messages. */
  file?: string;
}

/**
 * Parses a `.env` or `env_file` text the way compose does: blank lines and `#` comments
 * skipped; an optional `export ` prefix; `'single'` quotes literal; `"double"` quotes with
 * `\n`, `\t`, `\"`, `\\` escapes and interpolation, both possibly over several lines;
 * unquoted values trimmed, cut at ` #`, and interpolated. A bare `KEY` takes its value from
 * `lookup`, or is left out when that has none.
 */
export function parseDotEnv(text: string, options: ParseDotEnvOptions = {}): Record<string, string> {
  const file = options.file ?? '.env';
  const values: Record<string, string> = {};
  const lookup: Lookup = (name) => options.lookup?.(name) ?? values[name];
  const source = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  let at = 0;
  let lineNo = 0;
  while (at < source.length) {
    lineNo++;
    const lineEnd = source.indexOf('\n', at) < 0 ? source.length : source.indexOf('\n', at);
    const line = source.slice(at, lineEnd);
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      at = lineEnd + 1;
      continue;
    }
    const key = LINE_KEY.exec(line);
    if (!key?.[1]) throw bad(`line ${lineNo}: expected KEY=VALUE`, file, lineNo);
    const name = key[1];
    if (key[2] === undefined) {
      if (line.slice(key[0].length).trim() !== '')
        throw bad(`line ${lineNo}: expected = after ${name}`, file, lineNo);
      const inherited = options.lookup?.(name);
      if (inherited !== undefined) values[name] = inherited;
      at = lineEnd + 1;
      continue;
    }
    let valueStart = at + key[0].length;
    while (source[valueStart] === ' ' || source[valueStart] === '\t') valueStart++;
    const quote = source[valueStart];
    const where = { file, path: name };
    if (quote === "'" || quote === '"') {
      const close = closingQuote(source, valueStart + 1, quote);
      if (close < 0) throw bad(`line ${lineNo}: unterminated ${quote} quote in ${name}`, file, lineNo);
      const raw = source.slice(valueStart + 1, close);
      values[name] = quote === "'" ? raw : interpolateString(unescapeDoubleQuoted(raw), lookup, where);
      lineNo += countNewlines(raw);
      const after = source.indexOf('\n', close);
      at = after < 0 ? source.length : after + 1;
      continue;
    }
    const raw = source.slice(valueStart, lineEnd);
    const comment = raw.search(/\s#/);
    values[name] = interpolateString((comment < 0 ? raw : raw.slice(0, comment)).trim(), lookup, where);
    at = lineEnd + 1;
  }
  return values;
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\' && quote === '"') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function unescapeDoubleQuoted(raw: string): string {
  // `\$` stays as `$$`, so interpolation reads it as a literal dollar.
  return raw.replace(/\\(.)/gs, (all, c: string) => (c === '$' ? '$$' : (ESCAPES[c] ?? all)));
}

function countNewlines(text: string): number {
  return text.split('\n').length - 1;
}

function bad(message: string, file: string, line: number): DiscoveryError {
  return new DiscoveryError('INVALID_CONFIG', `${message} (in ${file})`, { file, line });
}
