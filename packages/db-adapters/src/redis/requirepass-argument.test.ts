import { describe, expect, it } from 'vitest';
import { requirepassArgument } from './requirepass-argument.js';

describe('requirepassArgument', () => {
  it('reads the password of a redis-server command line, the last one winning', () => {
    expect(requirepassArgument(['redis-server', '--requirepass', "s p'a$(x)", '--port', '6379'])).toBe(
      "s p'a$(x)",
    );
    expect(requirepassArgument(['redis-server', '--requirepass=a', '--requirepass', 'b'])).toBe('b');
  });

  it('is undefined without one, or with an empty one', () => {
    expect(requirepassArgument(['redis-server', '--appendonly', 'yes'])).toBeUndefined();
    expect(requirepassArgument(['redis-server', '--requirepass', ''])).toBeUndefined();
    expect(requirepassArgument(['redis-server', '--requirepass'])).toBeUndefined();
  });
});
