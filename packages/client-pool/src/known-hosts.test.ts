import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkHostKey,
  entryMatches,
  fingerprintSha256,
  hostLookupName,
  keyTypeOf,
  parseKnownHosts,
} from './known-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-kh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keygen(name: string): { line: string; blob: Buffer; fingerprint: string } {
  const file = join(dir, name);
  const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file], { shell: false });
  expect(made.status).toBe(0);
  const line = readFileSync(`${file}.pub`, 'utf8').trim();
  const fp = spawnSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], {
    encoding: 'utf8',
    shell: false,
  });
  return {
    line,
    blob: Buffer.from(line.split(' ')[1] as string, 'base64'),
    fingerprint: fp.stdout.split(' ')[1] as string,
  };
}

const a = keygen('a');
const b = keygen('b');
const [typeA, keyA] = a.line.split(' ') as [string, string];
const [, keyB] = b.line.split(' ') as [string, string];

describe('known_hosts parsing and matching', () => {
  it('computes fingerprints exactly as ssh-keygen prints them, and reads the key type', () => {
    expect(fingerprintSha256(a.blob)).toBe(a.fingerprint);
    expect(keyTypeOf(a.blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(Buffer.from([0, 0, 1]))).toBe('unknown');
  });

  it('names hosts as OpenSSH looks them up', () => {
    expect(hostLookupName('example.com', 22)).toBe('example.com');
    expect(hostLookupName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
  });

  it('matches plain names, [host]:port, comma lists, wildcards and negations', () => {
    const entries = parseKnownHosts(
      [
        '# comment',
        '',
        `plain.example ${typeA} ${keyA}`,
        `[10.0.0.1]:2222 ${typeA} ${keyA}`,
        `one.example,two.example ${typeA} ${keyA}`,
        `*.wild.example,!bad.wild.example ${typeA} ${keyA}`,
        'garbage line',
        `mismatched-type ssh-rsa ${keyA}`,
        `bad-base64 ${typeA} !!!`,
      ].join('\n'),
      'kh',
    );
    expect(entries).toHaveLength(4);
    const [plain, ported, listed, wild] = entries as [never, never, never, never];
    expect(entryMatches(plain, 'plain.example')).toBe(true);
    expect(entryMatches(plain, 'PLAIN.example')).toBe(true);
    expect(entryMatches(plain, '[plain.example]:2222')).toBe(false);
    expect(entryMatches(ported, '[10.0.0.1]:2222')).toBe(true);
    expect(entryMatches(ported, '10.0.0.1')).toBe(false);
    expect(entryMatches(listed, 'two.example')).toBe(true);
    expect(entryMatches(wild, 'a.wild.example')).toBe(true);
    expect(entryMatches(wild, 'bad.wild.example')).toBe(false);
    expect(entryMatches(wild, 'wild.example')).toBe(false);
    expect(entries[0]?.line).toBe(3);
  });

  it('matches hashed entries written by ssh-keygen -H', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `[127.0.0.1]:2200 ${typeA} ${keyA}\nother ${typeA} ${keyB}\n`);
    expect(spawnSync('ssh-keygen', ['-H', '-f', file], { shell: false }).status).toBe(0);
    const entries = parseKnownHosts(readFileSync(file, 'utf8'), file);
    expect(entries.every((e) => e.patterns[0]?.startsWith('|1|'))).toBe(true);
    expect(checkHostKey(entries, '127.0.0.1', 2200, a.blob).status).toBe('match');
    expect(checkHostKey(entries, '127.0.0.1', 2201, a.blob).status).toBe('unknown');
    expect(checkHostKey(entries, 'other', 22, a.blob).status).toBe('mismatch');
  });

  it('tells match, unknown, mismatch and revoked apart', () => {
    const entries = parseKnownHosts(
      [
        `h1 ${typeA} ${keyA}`,
        `h2 ${typeA} ${keyB}`,
        `@revoked * ${typeA} ${keyB}`,
        `@cert-authority h3 ${typeA} ${keyA}`,
      ].join('\n'),
      'kh',
    );
    expect(checkHostKey(entries, 'h1', 22, a.blob).status).toBe('match');
    expect(checkHostKey(entries, 'h9', 22, a.blob).status).toBe('unknown');
    // b is revoked everywhere, which wins over "changed".
    expect(checkHostKey(entries, 'h1', 22, b.blob).status).toBe('revoked');
    const changed = checkHostKey(parseKnownHosts(`h1 ${typeA} ${keyA}`, 'kh'), 'h1', 22, b.blob);
    expect(changed).toMatchObject({ status: 'mismatch', known: [{ line: 1 }] });
    // A CA line is not a host key: h3 stays unknown.
    expect(checkHostKey(entries, 'h3', 22, a.blob).status).toBe('unknown');
  });
});
