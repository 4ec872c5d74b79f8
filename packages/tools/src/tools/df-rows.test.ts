import type { DiskUsage } from '@berth/engine';
import { paginate } from '@berth/engine';
import { describe, expect, it } from 'vitest';
import { dfKey, dfRows } from './df-rows.js';

const kind = (count: number, active: number, sizeBytes: number, reclaimableBytes: number) => ({
  count,
  active,
  sizeBytes,
  reclaimableBytes,
});

describe('dfRows', () => {
  it('prints what `docker system df` prints, with the byte figures beside', () => {
    const df: DiskUsage = {
      layersSizeBytes: 747_212_345,
      images: kind(4, 1, 747_212_345, 600_000_000),
      containers: kind(2, 1, 3_000, 1_000),
      volumes: kind(0, 0, 0, 0),
      buildCache: kind(3, 1, 2_000_000, 1_500_000),
      buildCacheBytes: 2_000_000,
    };
    expect(dfRows(df)).toEqual([
      {
        type: 'Images',
        total: 4,
        active: 1,
        size: '747.2MB',
        reclaimable: '600MB (80%)',
        sizeBytes: 747_212_345,
        reclaimableBytes: 600_000_000,
      },
      {
        type: 'Containers',
        total: 2,
        active: 1,
        size: '3kB',
        reclaimable: '1kB (33%)',
        sizeBytes: 3_000,
        reclaimableBytes: 1_000,
      },
      {
        type: 'Local Volumes',
        total: 0,
        active: 0,
        size: '0B',
        reclaimable: '0B',
        sizeBytes: 0,
        reclaimableBytes: 0,
      },
      {
        type: 'Build Cache',
        total: 3,
        active: 1,
        size: '2MB',
        reclaimable: '1.5MB',
        sizeBytes: 2_000_000,
        reclaimableBytes: 1_500_000,
      },
    ]);
  });
});

describe('dfKey', () => {
  it('keeps the CLI order through the keyset sort, host by host', () => {
    const rows = ['Build Cache', 'Local Volumes', 'Images', 'Containers'].flatMap((type) =>
      ['b', 'a'].map((host) => ({ type, host })),
    );
    expect(paginate(rows, dfKey).items.map((r) => `${r.type}@${r.host}`)).toEqual([
      'Images@a',
      'Images@b',
      'Containers@a',
      'Containers@b',
      'Local Volumes@a',
      'Local Volumes@b',
      'Build Cache@a',
      'Build Cache@b',
    ]);
  });
});
