import { describe, expect, it } from 'vitest';
import { knownHostsLine } from './ssh-keys.js';

describe('knownHostsLine', () => {
  it('brackets host and port for non-standard ports, as OpenSSH does', () => {
    expect(knownHostsLine('127.0.0.1', 2222, 'ssh-ed25519 AAAAC3 comment')).toBe(
      '[127.0.0.1]:2222 ssh-ed25519 AAAAC3',
    );
    expect(knownHostsLine('example.invalid', 22, 'ssh-ed25519 AAAAC3')).toBe(
      'example.invalid ssh-ed25519 AAAAC3',
    );
  });
});
