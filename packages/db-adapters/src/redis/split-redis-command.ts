import { DbError } from '../db-error.js';

const HEX = /^[0-9a-fA-F]{2}$/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };
const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Splits a redis command line into arguments the way redis-cli does (its `sdssplitargs`):
 * blanks separate; `"…"` takes `\n \r \t \b \a \\ \"` and `\xHH`; `'…'` takes only `\'`; a
 * closing quote must be followed by a blank or the end.
 */
export function splitRedisCommand(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  const fail = (why: string) => {
    throw new DbError('INVALID', `cannot read the redis command: ${why} at offset ${i}`, { offset: i });
  };
  while (i < line.length) {
    while (isBlank(line[i])) i++;
    if (i >= line.length) break;
    let arg = '';
    const quote = line[i] === '"' || line[i] === "'" ? line[i] : undefined;
    if (quote === undefined) {
      while (i < line.length && !isBlank(line[i])) arg += line[i++];
      args.push(arg);
      continue;
    }
    i++;
    for (;;) {
      if (i >= line.length) fail('unterminated quote');
      const c = line[i] as string;
      if (c === quote) {
        i++;
        if (i < line.length && !isBlank(line[i])) fail('a closing quote must be followed by a blank');
        break;
      }
      if (c === '\\' && quote === '"' && line[i + 1] === 'x' && HEX.test(line.slice(i + 2, i + 4))) {
        arg += String.fromCharCode(Number.parseInt(line.slice(i + 2, i + 4), 16));
        i += 4;
      } else if (c === '\\' && quote === '"' && i + 1 < line.length) {
        const next = line[i + 1] as string;
        arg += ESCAPES[next] ?? next;
        i += 2;
      } else if (c === '\\' && quote === "'" && line[i + 1] === "'") {
        arg += "'";
        i += 2;
      } else {
        arg += c;
        i++;
      }
    }
    args.push(arg);
  }
  return args;
}
