import { describe, expect, it } from 'vitest';
import { matchNames } from './name-completions.js';

describe('matchNames', () => {
  it('puts prefix matches first, then substring matches, case-insensitively, without repeats', () => {
    expect(matchNames('we', ['db', 'old-web', 'web-2', 'Web-1', 'web-2'])).toEqual([
      'Web-1',
      'web-2',
      'old-web',
    ]);
    expect(matchNames('', ['b', 'a'])).toEqual(['a', 'b']);
    expect(matchNames('zz', ['a'])).toEqual([]);
  });
});
