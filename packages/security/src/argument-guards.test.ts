import { describe, expect, it } from 'vitest';
import { assertImageRef, assertNotFlag, assertSafeName } from './argument-guards.js';
import { SecurityError } from './security-error.js';

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SecurityError);
    return (error as SecurityError).code;
  }
  return undefined;
}

describe('assertSafeName', () => {
  it.each(['web', 'my_app.db-1', 'a', '3f2a9c1b7d0e', 'x'.repeat(255)])('accepts %j', (name) => {
    expect(codeOf(() => assertSafeName(name, 'container name'))).toBeUndefined();
  });

  it.each([
    ['-rf', 'LOOKS_LIKE_FLAG'],
    ['--privileged', 'LOOKS_LIKE_FLAG'],
    ['web\0', 'CONTROL_CHARACTER'],
    ['web\n--rm', 'CONTROL_CHARACTER'],
    ['web\r', 'CONTROL_CHARACTER'],
    ['a\u001b[31m', 'CONTROL_CHARACTER'],
    ['', 'INVALID_ARGUMENT'],
    ['x'.repeat(256), 'INVALID_ARGUMENT'],
    ['web;rm -rf /', 'INVALID_ARGUMENT'],
    ['$(id)', 'INVALID_ARGUMENT'],
    ['../etc', 'INVALID_ARGUMENT'],
    ['.hidden', 'INVALID_ARGUMENT'],
    ['a b', 'INVALID_ARGUMENT'],
    ['name/with/slash', 'INVALID_ARGUMENT'],
    ['ünï', 'INVALID_ARGUMENT'],
  ])('refuses %j with %s', (name, code) => {
    expect(codeOf(() => assertSafeName(name, 'container name'))).toBe(code);
  });

  it('refuses non-strings and honours maxLength', () => {
    expect(codeOf(() => assertSafeName(42, 'volume name'))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => assertSafeName('abcd', 'profile', { maxLength: 3 }))).toBe('INVALID_ARGUMENT');
  });

  it('says what was wrong without echoing control characters raw', () => {
    expect(() => assertSafeName('bad\nname', 'network name')).toThrow(/Invalid network name "bad\\nname"/);
    const long = `-${'y'.repeat(10_000)}`;
    try {
      assertSafeName(long, 'container name');
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(200);
    }
  });
});

describe('assertImageRef', () => {
  it.each([
    'busybox',
    'debian:bookworm',
    'library/ubuntu:22.04',
    '127.0.0.1:5000/berth/fixture:abc123',
    'registry.example.com/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'ghcr.io/owner/app:1.2.3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    '3f2a9c1b7d0e',
    '[::1]:5000/app',
    'a__b/c--d.e_f',
  ])('accepts %j', (ref) => {
    expect(codeOf(() => assertImageRef(ref))).toBeUndefined();
  });

  it.each([
    ['--help', 'LOOKS_LIKE_FLAG'],
    ['-', 'LOOKS_LIKE_FLAG'],
    ['app\n', 'CONTROL_CHARACTER'],
    ['app\0:latest', 'CONTROL_CHARACTER'],
    ['', 'INVALID_ARGUMENT'],
    ['Ubuntu', 'INVALID_IMAGE_REF'],
    ['app:', 'INVALID_IMAGE_REF'],
    ['app:tag with space', 'INVALID_IMAGE_REF'],
    ['app@sha256:short', 'INVALID_IMAGE_REF'],
    ['app;id', 'INVALID_IMAGE_REF'],
    ['app:$(id)', 'INVALID_IMAGE_REF'],
    ['/app', 'INVALID_IMAGE_REF'],
    ['app//x', 'INVALID_IMAGE_REF'],
    [`app:${'t'.repeat(129)}`, 'INVALID_IMAGE_REF'],
    [`${'a'.repeat(256)}:1`, 'INVALID_IMAGE_REF'],
    [`${'a1-'.repeat(5000)}!`, 'INVALID_IMAGE_REF'],
  ])('refuses %j with %s', (ref, code) => {
    expect(codeOf(() => assertImageRef(ref, 'image'))).toBe(code);
  });
});

describe('assertNotFlag', () => {
  it('accepts values that cannot be read as options', () => {
    expect(codeOf(() => assertNotFlag('file.txt', 'path'))).toBeUndefined();
    expect(codeOf(() => assertNotFlag(' -x', 'path'))).toBeUndefined();
    expect(codeOf(() => assertNotFlag('', 'path'))).toBeUndefined();
  });

  it('refuses a leading dash, NUL bytes and non-strings', () => {
    expect(codeOf(() => assertNotFlag('-oProxyCommand=id', 'host'))).toBe('LOOKS_LIKE_FLAG');
    expect(codeOf(() => assertNotFlag('a\0b', 'arg'))).toBe('CONTROL_CHARACTER');
    expect(codeOf(() => assertNotFlag(undefined, 'arg'))).toBe('INVALID_ARGUMENT');
  });
});
