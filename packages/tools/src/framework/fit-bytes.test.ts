import { describe, expect, it } from 'vitest';
import { clipString, fitBytes, jsonBytes } from './fit-bytes.js';

describe('clipString', () => {
  it('leaves a string that fits alone', () => {
    expect(clipString('short', 100)).toBe('short');
  });

  it('keeps the head, counts escapes as JSON writes them, and says what it left out', () => {
    const text = `${'\u0001'.repeat(50)}${'x'.repeat(50)}`;
    const cut = clipString(text, 100);
    expect(jsonBytes(cut)).toBeLessThanOrEqual(100);
    expect(cut.startsWith('\u0001')).toBe(true);
    expect(cut).toMatch(/…\[\+\d+ bytes\]$/);
  });

  it('never splits a character, and never leaves half a surrogate pair', () => {
    const cut = clipString('😀'.repeat(100), 40);
    expect(jsonBytes(cut)).toBeLessThanOrEqual(40);
    expect(cut).toMatch(/^(😀)+…/u);
  });

  it('cutting a cut text again still counts what was cut the first time', () => {
    const once = clipString('z'.repeat(1000), 200);
    expect(clipString(once, 50)).toMatch(/^z+…\[\+(\d+) bytes\]$/);
    const [, left] = /\+(\d+) bytes/.exec(clipString(once, 50)) ?? [];
    expect(Number(left) + clipString(once, 50).indexOf('…')).toBe(1000);
  });

  it('counts bytes cut before it (an engine cap) and says how to get them', () => {
    expect(clipString('abc', 100, { total: 1000, how: 'raise max_bytes' })).toBe(
      'abc…[+997 bytes; raise max_bytes]',
    );
  });
});

describe('fitBytes', () => {
  it('cuts the long values of a row and keeps every key and the small values whole', () => {
    const row = { exitCode: 1, stdout: 'o'.repeat(5000), stderr: 'e'.repeat(100), truncated: false };
    const { value, cut } = fitBytes(row, 1000);
    expect(jsonBytes(value)).toBeLessThanOrEqual(1000);
    expect(value).toMatchObject({ exitCode: 1, stderr: 'e'.repeat(100), truncated: false });
    expect(cut).toEqual(['stdout']);
  });

  it('keeps both ends of a long list and says how many items went', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const { value } = fitBytes({ lines }, 100);
    const kept = (value as { lines: string[] }).lines;
    expect(jsonBytes(value)).toBeLessThanOrEqual(100);
    expect(kept[0]).toBe('line 0');
    expect(kept.at(-1)).toBe('line 99');
    expect(kept.some((l) => /^…\[\d+ items cut\]$/.test(l))).toBe(true);
  });

  it('drops entries of a huge map nested in a row, keeping the row keys', () => {
    const labels = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`label.${i}`, 'v']));
    const { value, cut } = fitBytes({ id: 'c1', labels }, 2000);
    expect(jsonBytes(value)).toBeLessThanOrEqual(2000);
    expect((value as { id: string }).id).toBe('c1');
    expect((value as { labels: Record<string, string> }).labels['…']).toMatch(/^\d+ entries cut$/);
    expect(cut).toEqual(['labels']);
  });
});
