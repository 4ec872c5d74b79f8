import { describe, expect, it } from 'vitest';
import { argvParam } from './refs.js';

describe('argvParam', () => {
  it('takes a program path up to PATH_MAX and any long argument after it', () => {
    expect(argvParam.safeParse([`/${'a'.repeat(4_095)}`]).success).toBe(true);
    expect(argvParam.safeParse(['echo', 'A'.repeat(65_536)]).success).toBe(true);
  });

  it('refuses a program name longer than any path, counted in bytes', () => {
    // 65,536 bytes of a missing program is what hangs runc 1.1 and the container with it.
    for (const first of ['A'.repeat(65_536), 'A'.repeat(4_097), 'é'.repeat(2_049)]) {
      const result = argvParam.safeParse([first, 'x']);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/first element names the program: at most 4096 bytes/);
    }
  });

  it('still refuses a command line given as one string', () => {
    expect(argvParam.safeParse('ls -l /').error?.issues[0]?.message).toMatch(/no shell/);
  });
});
