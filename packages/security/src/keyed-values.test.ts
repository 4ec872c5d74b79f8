import { describe, expect, it } from 'vitest';
import { maskKeyedValues } from './keyed-values.js';
import { isSecretKeyName } from './secret-key.js';

const MB = 1_000_000;
const mask = (text: string) => maskKeyedValues(text, isSecretKeyName, '***');

describe('maskKeyedValues', () => {
  it.each([
    ['out| token: abc123', 'out| token: ***'],
    [
      '2024-05-01 INFO login ok password: hunter2 user=ada',
      '2024-05-01 INFO login ok password: *** user=ada',
    ],
    ['containers label=token=abc', 'containers label=token=***'],
    ['a=b=c api_key=k1&x=2', 'a=b=c api_key=***&x=2'],
    ['run --db-password=abc --verbose', 'run --db-password=*** --verbose'],
    ['{"level":"info","api_key":"k1","msg":"ok"}', '{"level":"info","api_key":"***","msg":"ok"}'],
    ['{"apiKey": 12345678}', '{"apiKey": "***"}'],
    ["{'password': 'p w'}", "{'password': '***'}"],
    ['{\\"password\\": \\"x\\"}', '{\\"password\\": \\"***\\"}'],
    ['req Cookie: session=abc; theme=dark', 'req Cookie: ***'],
    ['> Set-Cookie: sid=abc; Path=/\nnext', '> Set-Cookie: ***\nnext'],
    ['password = spaced', 'password = ***'],
  ])('masks a secret value wherever the pair sits: %s', (input, output) => {
    expect(mask(input)).toBe(output);
  });

  it.each([
    'url https://example.com:8443/x',
    'token:',
    'password: {',
    'user: ada, host=db',
    'at 10:30:00 key=value',
    'auth: [',
  ])('leaves the rest alone: %s', (input) => {
    expect(mask(input)).toBe(input);
  });

  it('is linear on 1 MB built against the scanner', () => {
    for (const input of [
      'password='.repeat(MB / 9),
      'a=a-'.repeat(MB / 4),
      `password="${'x'.repeat(MB)}`,
      'password=\\"'.repeat(MB / 11),
      'password="a '.repeat(MB / 12),
      `${'a.'.repeat(MB / 2)}=`,
      `password:${' '.repeat(MB)}`,
      `cookie: ${'x'.repeat(MB)}`,
      '"a" : '.repeat(MB / 6),
    ]) {
      expect(typeof mask(input)).toBe('string');
    }
  });
});
