import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../command-table.js';
import { completeWords } from './complete-words.js';

describe('completeWords', () => {
  it('offers top-level commands, then subcommands of a group', () => {
    const top = completeWords(COMMANDS, []);
    expect(top).toEqual({ words: expect.arrayContaining(['ps', 'hosts', 'logs', 'completion']) });
    expect((top as { words: string[] }).words).not.toContain('__complete');
    expect(completeWords(COMMANDS, ['hosts'])).toEqual({
      words: expect.arrayContaining(['ls', 'add', 'rm']),
    });
  });

  it('offers the names an argument or --host holds, skipping flags and their values', () => {
    expect(completeWords(COMMANDS, ['logs'])).toEqual({ names: 'container' });
    expect(completeWords(COMMANDS, ['--host', 'remote', 'logs', '-n', '5'])).toEqual({ names: 'container' });
    expect(completeWords(COMMANDS, ['ps', '--host'])).toEqual({ names: 'profile' });
    expect(completeWords(COMMANDS, ['hosts', 'rm'])).toEqual({ names: 'profile' });
    expect(completeWords(COMMANDS, ['rm', 'a', 'b'])).toEqual({ names: 'container' });
    expect(completeWords(COMMANDS, ['completion'])).toEqual({ names: 'shell' });
  });

  it('completes the db, migrate and gateway commands: subcommands, containers, stacks, --to profiles', () => {
    expect(completeWords(COMMANDS, [])).toEqual({ words: expect.arrayContaining(['db', 'gateway']) });
    expect(completeWords(COMMANDS, ['db'])).toEqual({
      words: expect.arrayContaining(['query', 'status', 'databases', 'tables', 'exec', 'backup', 'restore']),
    });
    expect(completeWords(COMMANDS, ['compose'])).toEqual({
      words: expect.arrayContaining(['migrate-plan', 'migrate', 'migrate-remove-source']),
    });
    expect(completeWords(COMMANDS, ['db', 'query'])).toEqual({ names: 'container' });
    expect(completeWords(COMMANDS, ['db', 'restore', '--yes'])).toEqual({ names: 'container' });
    expect(completeWords(COMMANDS, ['compose', 'migrate'])).toEqual({ names: 'stack' });
    expect(completeWords(COMMANDS, ['compose', 'migrate', 'shop', '--to'])).toEqual({ names: 'profile' });
  });
});
