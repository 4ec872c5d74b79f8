import { describe, expect, it } from 'vitest';
import { closestNames } from './closest-names.js';

describe('closestNames', () => {
  it('puts substring matches first, then near misses', () => {
    expect(closestNames('web', ['web-1', 'db', 'webb', 'cache'])).toEqual(['web-1', 'webb']);
    expect(closestNames('postgre', ['postgres', 'redis'])).toEqual(['postgres']);
  });

  it('suggests nothing when nothing is close', () => {
    expect(closestNames('zzzzzz', ['alpha', 'beta'])).toEqual([]);
  });
});
