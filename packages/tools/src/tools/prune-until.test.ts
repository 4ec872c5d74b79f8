import { describe, expect, it } from 'vitest';
import { engineUntil, untilCutoff, untilParam } from './prune-until.js';

const now = new Date('2025-06-01T12:00:00Z');

describe('untilCutoff', () => {
  it('reads durations back from now', () => {
    expect(untilCutoff('24h', now)).toBe(now.getTime() - 86_400_000);
    expect(untilCutoff('1h30m', now)).toBe(now.getTime() - 5_400_000);
    expect(untilCutoff('7d', now)).toBe(now.getTime() - 7 * 86_400_000);
  });

  it('reads ISO times and epoch seconds', () => {
    expect(untilCutoff('2025-01-01T00:00:00Z', now)).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(untilCutoff('1700000000', now)).toBe(1_700_000_000_000);
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'yesterday', '24', '-1h', '$(date)', '2025-13-45', '1y']) {
      expect(untilCutoff(bad, now)).toBeUndefined();
    }
    expect(untilParam.safeParse('24h; rm -rf /').success).toBe(false);
  });

  it('hands the engine epoch seconds', () => {
    expect(engineUntil(1_700_000_000_999)).toBe('1700000000');
  });
});
