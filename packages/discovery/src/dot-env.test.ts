// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose's ${VAR} syntax is what these tests feed the parser.
import { describe, expect, it } from 'vitest';
import { parseDotEnv } from './dot-env.js';

describe('parseDotEnv', () => {
  it('reads the forms compose reads', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value',
      'SPACED = padded value  ',
      'export EXPORTED=yes',
      'INLINE=kept # dropped',
      'HASH=a#b',
      "SINGLE='literal $PLAIN \\n'",
      'DOUBLE="line\\nnext \\"q\\" $PLAIN"',
      'MULTI="one',
      'two"',
      'EMPTY=',
      'REF=${PLAIN}-${MISSING:-dflt}',
      'ESCAPED="\\$PLAIN"',
      'DOLLARS=a$$b',
      'AFTER=last',
    ].join('\n');
    expect(parseDotEnv(text)).toEqual({
      PLAIN: 'value',
      SPACED: 'padded value',
      EXPORTED: 'yes',
      INLINE: 'kept',
      HASH: 'a#b',
      SINGLE: 'literal $PLAIN \\n',
      DOUBLE: 'line\nnext "q" value',
      MULTI: 'one\ntwo',
      EMPTY: '',
      REF: 'value-dflt',
      ESCAPED: '$PLAIN',
      DOLLARS: 'a$b',
      AFTER: 'last',
    });
  });

  it('lets the outer environment win in references, and fills bare keys from it', () => {
    const outer: Record<string, string> = { HOST_VAR: 'from-host', A: 'outer-a' };
    const values = parseDotEnv('A=file-a\nB=${A}\nHOST_VAR\nNOT_SET\n', { lookup: (n) => outer[n] });
    expect(values).toEqual({ A: 'file-a', B: 'outer-a', HOST_VAR: 'from-host' });
  });

  it('handles CRLF line ends and a byte order mark', () => {
    expect(parseDotEnv('\uFEFFA=1\r\nB="2"\r\n')).toEqual({ A: '1', B: '2' });
  });

  it('names the file and line of a malformed line, and an unterminated quote', () => {
    expect(() => parseDotEnv('A=1\nnot a line\n', { file: '/p/.env' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', data: { file: '/p/.env', line: 2 } }),
    );
    expect(() => parseDotEnv('A="open\n', { file: '/p/.env' })).toThrow(/unterminated " quote in A/);
    expect(() => parseDotEnv('P=${DB_PASSWORD:?the password}', { file: '/p/.env' })).toThrow(
      /DB_PASSWORD.*\/p\/\.env/,
    );
  });
});
