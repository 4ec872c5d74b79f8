import { describe, expect, it } from 'vitest';
import { parseMirror } from './apt.js';

describe('parseMirror', () => {
  it('reads the URIs of the deb822 stanza that serves the suite', () => {
    const sources = [
      'Types: deb',
      'URIs: http://mirror.invalid/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      '',
      'Types: deb',
      'URIs: http://mirror.invalid/debian-security',
      'Suites: bookworm-security',
    ].join('\n');
    expect(parseMirror(sources, 'bookworm')).toBe('http://mirror.invalid/debian');
    expect(parseMirror(sources, 'bookworm-security')).toBe('http://mirror.invalid/debian-security');
  });

  it('skips deb-src stanzas and reads classic sources.list lines', () => {
    expect(
      parseMirror('Types: deb-src\nURIs: http://src.invalid/\nSuites: bookworm\n', 'bookworm'),
    ).toBeUndefined();
    const classic = '# comment\ndeb [arch=amd64] http://classic.invalid/debian bookworm main\n';
    expect(parseMirror(classic, 'bookworm')).toBe('http://classic.invalid/debian');
    expect(parseMirror(classic, 'trixie')).toBeUndefined();
  });
});
