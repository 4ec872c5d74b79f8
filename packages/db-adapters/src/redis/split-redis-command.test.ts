import { describe, expect, it } from 'vitest';
import { splitRedisCommand } from './split-redis-command.js';

describe('splitRedisCommand', () => {
  it('splits on blanks and reads both quotes as redis-cli does', () => {
    expect(splitRedisCommand('SET  "a key" \'it\\\'s\'\t"\\x41\\n\\"q\\""')).toEqual([
      'SET',
      'a key',
      "it's",
      'A\n"q"',
    ]);
  });

  it('keeps a value that starts with - as an argument, not an option', () => {
    expect(splitRedisCommand('GET -x')).toEqual(['GET', '-x']);
  });

  it('reads an empty quoted argument and non-ASCII text', () => {
    expect(splitRedisCommand('SET k "" é')).toEqual(['SET', 'k', '', 'é']);
  });

  it.each(['GET "open', 'GET "a"b', "GET 'a'b"])('refuses %s', (line) => {
    expect(() => splitRedisCommand(line)).toThrow(/cannot read the redis command/);
  });
});
