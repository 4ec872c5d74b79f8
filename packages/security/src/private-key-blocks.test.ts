import { describe, expect, it } from 'vitest';
import { maskPrivateKeyBlocks, maskPrivateKeyLines } from './private-key-blocks.js';

const BEGIN = '-----BEGIN RSA PRIVATE KEY-----';
const END = '-----END RSA PRIVATE KEY-----';
const BODY = ['MIIEpAIBAAKCAQEAx1y2z3', 'QWERTYUIOPasdfghjkl0123456789+/='];
const MB = 1_000_000;

describe('maskPrivateKeyBlocks', () => {
  it('masks the material of whole keys, keeping the headers and what is around', () => {
    const text = `before\n${BEGIN}\n${BODY.join('\n')}\n${END}\nafter ${BEGIN}x${END}`;
    expect(maskPrivateKeyBlocks(text, '***')).toBe(`before\n${BEGIN}***${END}\nafter ${BEGIN}***${END}`);
  });

  it('masks a key in JSON-escaped text and a key cut short', () => {
    const escaped = JSON.stringify(`${BEGIN}\n${BODY.join('\n')}\n${END}`);
    expect(maskPrivateKeyBlocks(escaped, '***')).toBe(`"${BEGIN}***${END}"`);
    const cut = `${BEGIN}\nProc-Type: 4,ENCRYPTED\n${BODY[0]}`;
    expect(maskPrivateKeyBlocks(cut, '***')).toBe(`${BEGIN}***`);
  });

  it('leaves certificates and public keys alone', () => {
    const cert = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(maskPrivateKeyBlocks(cert, '***')).toBe(cert);
  });

  it('is linear on 1 MB of headers without ends, and of ends without headers', () => {
    for (const input of [
      `${BEGIN}`.repeat(MB / BEGIN.length),
      `${END}`.repeat(MB / END.length),
      `${BEGIN}${'A'.repeat(MB)}`,
      `-----BEGIN ${'A '.repeat(MB / 2)}`,
    ]) {
      expect(typeof maskPrivateKeyBlocks(input, '***')).toBe('string');
    }
  });
});

describe('maskPrivateKeyLines', () => {
  it('masks the lines between a BEGIN line and its END line', () => {
    expect(maskPrivateKeyLines(['start', BEGIN, ...BODY, END, 'done'], '***')).toEqual([
      'start',
      BEGIN,
      '***',
      '***',
      END,
      'done',
    ]);
  });

  it('masks the base64 lines before an END whose BEGIN fell out of the window', () => {
    expect(maskPrivateKeyLines([...BODY, END, 'next line'], '***')).toEqual(['***', '***', END, 'next line']);
    expect(maskPrivateKeyLines(['plain words here', BODY[1] ?? '', END], '***')).toEqual([
      'plain words here',
      '***',
      END,
    ]);
  });

  it('masks to the end when the key never ends, and is linear on many lines', () => {
    expect(maskPrivateKeyLines([BEGIN, 'a', 'b'], '***')).toEqual([BEGIN, '***', '***']);
    const many = Array.from({ length: 100_000 }, (_, i) => (i % 2 ? END : (BODY[1] ?? '')));
    expect(maskPrivateKeyLines(many, '***')).toHaveLength(many.length);
  });
});
