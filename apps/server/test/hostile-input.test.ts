import { describe, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';

const NO_DOCKER = { DOCKER_HOST: 'unix:///nonexistent.sock' };

// Each is refused before anything reaches an engine: isError, one line, the server lives on.
const HOSTILE: [string, string, Record<string, unknown>, RegExp][] = [
  [
    'unknown action',
    'read',
    { action: 'explode' },
    /^Unknown action 'explode' for read; use one of: hosts, test, version, engine, df/,
  ],
  ['missing action', 'read', {}, /^Missing action for read/],
  ['action of wrong type', 'read', { action: 42 }, /^Missing action/],
  ['inherited property as action', 'read', { action: 'constructor' }, /^Unknown action 'constructor'/],
  ['param of wrong type', 'read', { action: 'list', limit: 'ten' }, /^Invalid arguments: limit: /],
  ['param of another action', 'read', { action: 'list', id: 'web' }, /^'id' does not apply to action list/],
  [
    'shell metacharacters',
    'read',
    { action: 'info', id: 'web;rm -rf /' },
    /^Invalid arguments: id: id must be a name or id/,
  ],
  ['command substitution', 'read', { action: 'info', id: '$(reboot)' }, /^Invalid arguments: id: /],
  [
    'flag position',
    'read',
    { action: 'info', id: '--privileged' },
    /^Invalid arguments: id: .*not starting with "-"/,
  ],
  [
    'path traversal',
    'read',
    { action: 'info', id: 'a/../../etc/passwd' },
    /^Invalid arguments: id: id must not contain/,
  ],
  ['huge string', 'read', { action: 'info', id: 'x'.repeat(1_000_000) }, /^Invalid arguments: id: /],
  ['host of wrong type', 'read', { action: 'list', host: { evil: true } }, /^host must be a profile name/],
  ['unknown host', 'read', { action: 'list', host: 'locl' }, /^Unknown host 'locl'; did you mean local\?/],
  ['huge host', 'read', { action: 'list', host: 'h'.repeat(100_000) }, /^host must be/],
  ['cursor not from next', 'read', { action: 'list', cursor: '../1' }, /^Invalid arguments: cursor: /],
  // What a careless agent sends to the newer params: strings for numbers and booleans.
  [
    'grace as a string',
    'container_ops',
    { action: 'stop', id: 'web', grace: '10' },
    /^Invalid arguments: grace: .*expected number/,
  ],
  [
    'exec timeout as a string',
    'container_ops',
    { action: 'exec', id: 'web', argv: ['true'], timeout: '5' },
    /^Invalid arguments: timeout: .*expected number/,
  ],
  [
    'stop timeout instead of grace',
    'container_ops',
    { action: 'stop', id: 'web', timeout: 5 },
    /^'timeout' does not apply to action stop \(it takes: id, grace, host\)/,
  ],
  [
    'confirm_token as a number',
    'remove',
    { action: 'remove', kind: 'volume', id: 'v1', confirm_token: 123 },
    /^confirm_token must be the string a plan answer returned/,
  ],
  [
    'volumes as the string "false"',
    'remove',
    { action: 'remove', kind: 'container', id: 'web', volumes: 'false' },
    /^Invalid arguments: volumes: .*expected boolean/,
  ],
  [
    'dry_run as a string',
    'remove',
    { action: 'prune', kind: 'container', dry_run: 'true' },
    /^dry_run must be a boolean \(true or false, not a string\)/,
  ],
  [
    'state as the string "false"',
    'read',
    { action: 'list', state: 'false' },
    /^Invalid arguments: state: .*"running"\|"stopped"\|"all"/,
  ],
  [
    'dry_run on an action that loses nothing',
    'container_ops',
    { action: 'stop', id: 'web', dry_run: true },
    /^'dry_run' does not apply to action stop/,
  ],
  [
    'dry_run on an additive tool',
    'create',
    { action: 'volume', name: 'v1', dry_run: true },
    /^'dry_run' does not apply to action volume/,
  ],
  [
    'confirm_token on a read',
    'read',
    { action: 'list', confirm_token: '1.x' },
    /^'confirm_token' does not apply to action list/,
  ],
  [
    'host on a config tool',
    'host_config',
    { action: 'add', name: 'x', profile: { type: 'local' }, host: 'local' },
    /^'host' does not apply to action add \(it takes: name, profile\)/,
  ],
  [
    'a list of hosts for a write',
    'container_ops',
    { action: 'start', id: 'web', host: 'a,b' },
    /^host must be one profile name/,
  ],
];

describe('hostile inputs get isError and never crash the server', () => {
  it.each(HOSTILE)('%s (%s)', async (_name, tool, args, expected) => {
    await using client = await binClient({ env: NO_DOCKER });
    const result = await client.callTool({ name: tool, arguments: args });
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
