import { describe, expect, it } from 'vitest';
import { fitWidths } from './fit-widths.js';

describe('fitWidths', () => {
  it('keeps natural widths without a terminal, or when they fit', () => {
    expect(fitWidths([10, 40, 5], 3, undefined)).toEqual([10, 40, 5]);
    expect(fitWidths([10, 40, 5], 3, 61)).toEqual([10, 40, 5]);
  });

  it('takes from the widest column first until the row fits', () => {
    const widths = fitWidths([10, 40, 30], 3, 56);
    expect(widths.reduce((a, b) => a + b, 0) + 6).toBe(56);
    expect(widths[0]).toBe(10);
    expect(Math.abs((widths[1] as number) - (widths[2] as number))).toBeLessThanOrEqual(1);
  });

  it('never cuts a column below 8 characters, even when the row stays too wide', () => {
    expect(fitWidths([20, 20], 3, 10)).toEqual([8, 8]);
  });
});
