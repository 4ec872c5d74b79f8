import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quoteShellArg, shellJoin } from './shell-quote.js';

/** Asks a real POSIX shell how it splits the quoted line: one argv element per line. */
function parsedByShell(line: string): string[] {
  const out = spawnSync('/bin/sh', ['-c', `for a in ${line}; do printf '%s\\0' "$a"; done`], {
    encoding: 'utf8',
    shell: false,
  });
  expect(out.status).toBe(0);
  return out.stdout.split('\0').slice(0, -1);
}

const hostile = [
  'plain',
  '',
  ' leading and trailing ',
  "it's",
  "''",
  '"double"',
  '$(touch /tmp/berth-canary)',
  '`id`',
  'a;b',
  'a && b || c',
  '| cat',
  '> /etc/passwd',
  '*',
  '~root',
  '$HOME',
  '--flag=value',
  '-rf',
  'line1\nline2',
  'tab\there',
  'back\\slash',
  'Prod: main #1',
  'ünïcödé ✓',
  '!history',
  '{a,b}',
];

describe('quoteShellArg', () => {
  it.each(hostile)('round-trips %j through a real shell unchanged', (value) => {
    expect(parsedByShell(quoteShellArg(value))).toEqual([value]);
  });

  it('leaves plain words bare and quotes everything else', () => {
    expect(quoteShellArg('docker')).toBe('docker');
    expect(quoteShellArg('/var/run/docker.sock')).toBe('/var/run/docker.sock');
    expect(quoteShellArg('a b')).toBe("'a b'");
    expect(quoteShellArg('')).toBe("''");
    expect(quoteShellArg("it's")).toBe("'it'\\''s'");
  });

  it('rejects NUL bytes, which no shell argument can carry', () => {
    expect(() => quoteShellArg('a\0b')).toThrow(/NUL/);
  });
});

describe('shellJoin', () => {
  it('keeps every argv element separate, whatever it contains', () => {
    expect(parsedByShell(shellJoin(hostile))).toEqual(hostile);
  });

  it('refuses an empty argv', () => {
    expect(() => shellJoin([])).toThrow(/empty argv/);
  });
});
