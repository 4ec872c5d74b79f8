import { describe, expect, it } from 'vitest';
import { egressConnectPorts, egressFilter } from './egress-network.js';

describe('egress filter', () => {
  it('anchors each host and escapes its dots, so a look-alike name does not match', () => {
    const filter = egressFilter(['api.example.com:443', 'API.example.com', 'files.test']);
    expect(filter.split('\n')).toEqual(['^api\\.example\\.com$', '^files\\.test$']);
    const [api] = filter.split('\n').map((line) => new RegExp(line));
    expect(api?.test('api.example.com')).toBe(true);
    expect(api?.test('apixexample.com')).toBe(false);
    expect(api?.test('evil.api.example.com')).toBe(false);
  });

  it('lets CONNECT reach the listed ports, or 443', () => {
    expect(egressConnectPorts(['a.test:8443', 'b.test:8443', 'c.test'])).toEqual(['8443']);
    expect(egressConnectPorts(['a.test'])).toEqual(['443']);
  });
});
