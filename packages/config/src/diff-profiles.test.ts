import { describe, expect, it } from 'vitest';
import { diffProfiles, profilesEqual } from './diff-profiles.js';
import { BerthConfig } from './profile-schema.js';

const config = (profiles: Record<string, unknown>, defaultProfile?: string) =>
  BerthConfig.parse({ profiles, ...(defaultProfile ? { defaultProfile } : {}) });

describe('diffProfiles', () => {
  const base = config({
    a: { type: 'local' },
    b: { type: 'tcp', host: 'h', tls: { ca: '/ca' } },
    c: { type: 'ssh', host: 'h', user: 'u', tags: ['x', 'y'] },
  });

  it('is empty for equal configs, whatever the key order', () => {
    const reordered = config({
      c: { tags: ['x', 'y'], user: 'u', host: 'h', type: 'ssh' },
      b: { tls: { ca: '/ca' }, host: 'h', type: 'tcp' },
      a: { type: 'local' },
    });
    expect(diffProfiles(base, reordered)).toEqual([]);
  });

  it('names added, removed and changed profiles; nested fields and list order count', () => {
    const next = config({
      b: { type: 'tcp', host: 'h', tls: { ca: '/ca', verify: false } },
      c: { type: 'ssh', host: 'h', user: 'u', tags: ['y', 'x'] },
      d: { type: 'local' },
    });
    expect(diffProfiles(base, next)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('treats every profile as new when there was no config', () => {
    expect(diffProfiles(undefined, base)).toEqual(['a', 'b', 'c']);
  });
});

describe('profilesEqual', () => {
  it('ignores key order, treats undefined as absent, and compares lists in order', () => {
    const a = { type: 'local', tags: ['x'], socketPath: '/s' } as never;
    expect(
      profilesEqual(a, { socketPath: '/s', tags: ['x'], type: 'local', description: undefined } as never),
    ).toBe(true);
    expect(profilesEqual(a, { type: 'local', tags: ['x'], socketPath: '/other' } as never)).toBe(false);
    expect(profilesEqual({ tags: ['x', 'y'] } as never, { tags: ['y', 'x'] } as never)).toBe(false);
    expect(profilesEqual({ port: 1 } as never, { port: '1' } as never)).toBe(false);
    expect(profilesEqual(a, undefined)).toBe(false);
  });
});
