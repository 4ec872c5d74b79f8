import { BerthConfig } from '@berth/config';
import { describe, expect, it } from 'vitest';
import { hostSummaries } from './host-summary.js';

const config = BerthConfig.parse({
  defaultProfile: 'b',
  profiles: {
    a: { type: 'ssh', host: 'h', user: 'u', agent: true, hostKeyPolicy: 'insecure-ignore' },
    b: { type: 'local', readOnly: true },
    off: { type: 'local', enabled: false },
  },
});

describe('hostSummaries', () => {
  it("shows each ssh host's key policy, and config warnings as notes: a profile's on its host, the rest on the default", () => {
    const hosts = hostSummaries(config, undefined, [
      { path: '(file)', message: 'project file not trusted, ignored', source: '/repo/berth.yaml' },
      { path: 'profiles.a.hostKeyPolicy', message: 'insecure-ignore turns host-key checks off' },
      {
        path: 'profiles.b.readOnly',
        message: 'ignored: readOnly can only become true',
        source: '/repo/berth.yaml',
      },
      { path: 'profiles.off.identityFile', message: 'file not found: /k' },
    ]);
    expect(hosts).toEqual([
      expect.objectContaining({
        name: 'a',
        hostKeyPolicy: 'insecure-ignore',
        notes: ['hostKeyPolicy — insecure-ignore turns host-key checks off'],
      }),
      expect.objectContaining({
        name: 'b',
        isDefault: true,
        notes: [
          'project file not trusted, ignored (berth.yaml)',
          'profiles.off.identityFile — file not found: /k',
          'readOnly — ignored: readOnly can only become true (berth.yaml)',
        ],
      }),
    ]);
    expect(hosts[1]).not.toHaveProperty('hostKeyPolicy');
    expect(hostSummaries(config, undefined).every((h) => h.notes === undefined)).toBe(true);
  });
});
