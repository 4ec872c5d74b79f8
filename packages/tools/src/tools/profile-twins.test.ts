import { describe, expect, it } from 'vitest';
import { tightenForTwins } from './profile-twins.js';

const here = new Set(['myhost', '10.1.2.3']);

describe('tightenForTwins', () => {
  const profiles = {
    prod: { type: 'local', readOnly: true, confirm: true, allowHostAccess: false, bindRoots: ['/srv'] },
    far: { type: 'ssh', host: 'build.example', port: 22, readOnly: false, confirm: true, bindRoots: [] },
  };

  it('a profile for a machine a read-only profile reaches is read-only, and says why', () => {
    expect(tightenForTwins('new', { type: 'tcp', host: 'localhost' }, profiles, here, true)).toEqual({
      forced: { readOnly: true },
      note: "read-only: profile 'prod' is read-only and reaches the same engine",
    });
  });

  it('takes the tightest confirm, host access and bind roots of its twins', () => {
    const next = {
      type: 'local',
      readOnly: true,
      confirm: false,
      allowHostAccess: true,
      bindRoots: ['/srv/a', '/'],
    };
    expect(tightenForTwins('new', next, profiles, here, false).forced).toEqual({
      confirm: true,
      allowHostAccess: false,
      bindRoots: ['/srv/a'],
    });
  });

  it('leaves a profile of another machine alone, and the profile itself is no twin', () => {
    expect(tightenForTwins('new', { type: 'ssh', host: 'other.example' }, profiles, here, true)).toEqual({
      forced: {},
    });
    expect(tightenForTwins('prod', { type: 'local' }, { prod: profiles.prod }, here, true)).toEqual({
      forced: {},
    });
  });

  it('refuses accept-new for an SSH host another profile already reaches', () => {
    const again = { type: 'ssh', host: 'build.example', port: 2222, hostKeyPolicy: 'accept-new' };
    expect(() => tightenForTwins('again', again, profiles, here, true)).toThrow(/accept-new would pin/);
    expect(() => tightenForTwins('again', again, profiles, here, false)).not.toThrow();
  });
});
