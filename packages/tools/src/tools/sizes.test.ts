import { describe, expect, it } from 'vitest';
import { humanSize } from './sizes.js';

describe('humanSize', () => {
  it('prints decimal units with four significant digits, like the docker CLI', () => {
    expect(humanSize(0)).toBe('0B');
    expect(humanSize(999)).toBe('999B');
    expect(humanSize(1_000)).toBe('1kB');
    expect(humanSize(747_212_345)).toBe('747.2MB');
    expect(humanSize(1_234_567_890)).toBe('1.235GB');
    expect(humanSize(-5)).toBe('0B');
  });
});
