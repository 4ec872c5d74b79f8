import { describe, expect, it } from 'vitest';
import { profileFields } from './profile-fields.js';

describe('profileFields', () => {
  it('reads an engine address and only the flags given', () => {
    expect(profileFields('ssh://deploy@10.0.0.5:2222', { identityFile: '~/.ssh/k', readOnly: true })).toEqual(
      {
        type: 'ssh',
        host: '10.0.0.5',
        user: 'deploy',
        port: 2222,
        identityFile: '~/.ssh/k',
        readOnly: true,
      },
    );
    expect(profileFields('unix:///run/docker.sock', {})).toEqual({
      type: 'local',
      socketPath: '/run/docker.sock',
    });
    expect(profileFields(undefined, { description: 'x', tags: 'a,b' })).toEqual({
      description: 'x',
      tags: ['a', 'b'],
    });
  });

  it('refuses an address it cannot read, naming the forms it takes', () => {
    expect(() => profileFields('prod.example.com', {})).toThrow(/ssh:\/\/user@host/);
    expect(() => profileFields('ssh://prod.example.com', {})).toThrow(/needs a user/);
    expect(() => profileFields('http://x', {})).toThrow(/not ssh:, tcp: or unix:/);
  });
});
