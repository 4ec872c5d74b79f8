import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeDiskUsage } from './disk-usage.js';
import { normalizeDetail } from './disk-usage-detail.js';

// A recorded-shape `/system/df` answer with every edge the CLI's arithmetic handles:
// -1 sizes and counts, null lists and maps, paused/restarting containers, shared cache.
const raw = JSON.parse(readFileSync(new URL('./fixtures/system-df.json', import.meta.url), 'utf8'));
const detail = normalizeDetail(raw);

describe('summarizeDiskUsage', () => {
  it('images: LayersSize, minus the unshared bytes of images in use (skipping -1)', () => {
    // In use: aaa (600000 - 100000), eee (1000 - 0); ccc has SharedSize -1; ddd counts -1 containers.
    expect(summarizeDiskUsage(detail).images).toEqual({
      count: 5,
      active: 3,
      sizeBytes: 1_000_000,
      reclaimableBytes: 1_000_000 - 500_000 - 1_000,
    });
  });

  it('containers: Σ SizeRw; reclaimable only from those not running, paused or restarting', () => {
    expect(summarizeDiskUsage(detail).containers).toEqual({
      count: 6,
      active: 3,
      sizeBytes: 10 + 200 + 3000 + 40_000 + 5,
      reclaimableBytes: 200 + 40_000,
    });
  });

  it('volumes: measured sizes; reclaimable from those no container references', () => {
    expect(summarizeDiskUsage(detail).volumes).toEqual({
      count: 5,
      active: 2,
      sizeBytes: 1000 + 2000 + 4000,
      reclaimableBytes: 2000,
    });
  });

  it('build cache: unshared entries; reclaimable from those not in use', () => {
    const df = summarizeDiskUsage(detail);
    expect(df.buildCache).toEqual({
      count: 5,
      active: 2,
      sizeBytes: 100 + 200 + 1600,
      reclaimableBytes: 1700,
    });
    expect(df.buildCacheBytes).toBe(df.buildCache.sizeBytes);
    expect(df.layersSizeBytes).toBe(1_000_000);
  });

  it('an engine with nothing on it answers nulls; every figure is 0', () => {
    const empty = normalizeDetail({
      LayersSize: 0,
      Images: null,
      Containers: null,
      Volumes: null,
      BuildCache: null,
    });
    const zero = { count: 0, active: 0, sizeBytes: 0, reclaimableBytes: 0 };
    expect(summarizeDiskUsage(empty)).toEqual({
      layersSizeBytes: 0,
      images: zero,
      containers: zero,
      volumes: zero,
      buildCache: zero,
      buildCacheBytes: 0,
    });
  });
});

describe('normalizeDetail', () => {
  it('turns null lists and maps into empty ones and missing sizes into -1', () => {
    const c5 = detail.Containers.find((c) => c.Id === 'c5');
    expect(c5).toMatchObject({ Names: [], SizeRw: -1, NetworkSettings: { Networks: {} } });
    expect(detail.Containers.find((c) => c.Id === 'c2')).toMatchObject({ Labels: {}, Mounts: [] });
    expect(detail.Images.find((i) => i.Id === 'sha256:eee')).toMatchObject({ RepoTags: [], RepoDigests: [] });
    expect(detail.Volumes.find((v) => v.Name === 'v5')?.UsageData).toEqual({ Size: -1, RefCount: -1 });
  });
});
