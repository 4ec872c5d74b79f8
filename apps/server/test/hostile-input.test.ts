import { describe, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';

const NO_DOCKER = { DOCKER_HOST: 'unix:///nonexistent.sock' };

// Each is refused before anything reaches an engine: isError, one line, the server lives on.
const HOSTILE: [string, Record<string, unknown>, RegExp][] = [
  [
    'unknown action',
    { action: 'explode' },
    /^Unknown action 'explode' for resources; use one of: list, info/,
  ],
  ['missing action', {}, /^Missing action for resources/],
  ['action of wrong type', { action: 42 }, /^Missing action/],
  ['inherited property as action', { action: 'constructor' }, /^Unknown action 'constructor'/],
  ['param of wrong type', { action: 'list', limit: 'ten' }, /^Invalid arguments: limit: /],
  ['param of another action', { action: 'list', id: 'web' }, /^'id' does not apply to action list/],
  [
    'shell metacharacters',
    { action: 'info', id: 'web;rm -rf /' },
    /^Invalid arguments: id: id must be a name or id/,
  ],
  ['command substitution', { action: 'info', id: '$(reboot)' }, /^Invalid arguments: id: /],
  [
    'flag position',
    { action: 'info', id: '--privileged' },
    /^Invalid arguments: id: .*not starting with "-"/,
  ],
  [
    'path traversal',
    { action: 'info', id: 'a/../../etc/passwd' },
    /^Invalid arguments: id: id must not contain/,
  ],
  ['huge string', { action: 'info', id: 'x'.repeat(1_000_000) }, /^Invalid arguments: id: /],
  ['host of wrong type', { action: 'list', host: { evil: true } }, /^host must be a profile name/],
  ['unknown host', { action: 'list', host: 'locl' }, /^Unknown host 'locl'; did you mean local\?/],
  ['huge host', { action: 'list', host: 'h'.repeat(100_000) }, /^host must be/],
  ['cursor not from next', { action: 'list', cursor: '../1' }, /^Invalid arguments: cursor: /],
];

describe('hostile inputs get isError and never crash the server', () => {
  it.each(HOSTILE)('%s', async (_name, args, expected) => {
    await using client = await binClient({ env: NO_DOCKER });
    const result = await client.callTool({ name: 'resources', arguments: args });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(expected);
    expect(text).not.toContain('\n');
    expect(text.length).toBeLessThan(500);
    // Still serving after the bad call.
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
  });

  it('answers an unknown tool with an error, not a crash', async () => {
    await using client = await binClient({ env: NO_DOCKER });
    const outcome = await client.callTool({ name: 'nope', arguments: {} }).then(
      (r) => r.isError === true,
      () => true,
    );
    expect(outcome).toBe(true);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
  });
});
