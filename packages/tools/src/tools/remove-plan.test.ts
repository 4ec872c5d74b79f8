import { describe, expect, it } from 'vitest';
import { createdLabels } from './created-label.js';
import { checkPrune } from './remove.js';
import { anonymousVolumes } from './remove-plan.js';

describe('anonymousVolumes', () => {
  it('names only volumes the container did not mount by name (what `v` removes)', () => {
    const info = {
      HostConfig: {
        Binds: ['named:/a', '/host/dir:/b'],
        Mounts: [{ Type: 'volume', Source: 'other', Target: '/c' }],
      },
      Mounts: [
        { Type: 'volume', Name: 'named', Destination: '/a' },
        { Type: 'bind', Source: '/host/dir', Destination: '/b' },
        { Type: 'volume', Name: 'other', Destination: '/c' },
        { Type: 'volume', Name: 'f'.repeat(64), Destination: '/d' },
      ],
    };
    expect(anonymousVolumes(info)).toEqual(['f'.repeat(64)]);
  });
});

describe('createdLabels', () => {
  it('adds berth.created last, so a caller cannot replace it', () => {
    const now = () => new Date('2025-06-01T00:00:00Z');
    expect(createdLabels({ a: '1', 'berth.created': 'x' }, now)).toEqual({
      a: '1',
      'berth.created': '2025-06-01T00:00:00.000Z',
    });
  });
});

describe('checkPrune', () => {
  it('refuses params the engine would ignore for that kind', () => {
    const until = new Date();
    expect(() => checkPrune({ kind: 'volume', until })).toThrow(/until does not apply to kind volume/);
    expect(() => checkPrune({ kind: 'network', all: true })).toThrow(/all applies to kind image only/);
    expect(() => checkPrune({ kind: 'image', all: true, until })).not.toThrow();
    expect(() => checkPrune({ kind: 'network', until })).not.toThrow();
  });
});
