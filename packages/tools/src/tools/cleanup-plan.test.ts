import { describe, expect, it } from 'vitest';
import { cleanupPlan, type DfSnapshot } from './cleanup-plan.js';

const now = 1_900_000_000;
const day = 86_400;
const df: DfSnapshot = {
  Containers: [
    {
      Id: 'old',
      Names: ['/old'],
      ImageID: 'img-app',
      State: 'exited',
      Created: now - 2 * day,
      SizeRw: 100,
      Mounts: [{ Name: 'data' }],
      NetworkSettings: { Networks: { front: { NetworkID: 'n1' } } },
    },
    { Id: 'new', Names: ['/new'], ImageID: 'img-new', State: 'exited', Created: now - 60, SizeRw: 50 },
    {
      Id: 'run',
      Names: ['/run'],
      ImageID: 'img-run',
      State: 'running',
      Created: now - 3 * day,
      Mounts: [{ Name: 'live' }],
      NetworkSettings: { Networks: { back: { NetworkID: 'n2' } } },
    },
  ],
  Images: [
    { Id: 'img-app', RepoTags: ['app:1'], Size: 1000, SharedSize: 400 },
    { Id: 'img-new', RepoTags: ['new:1'], Size: 10 },
    { Id: 'img-run', RepoTags: ['run:1'], Size: 10 },
    { Id: 'sha256:dangling0000aaaa', RepoTags: ['<none>:<none>'], Size: 2000, SharedSize: -1 },
    { Id: 'img-lonely', RepoTags: ['lonely:1'], Size: 300 },
  ],
  Volumes: [
    { Name: 'data', UsageData: { Size: 5000 } },
    { Name: 'live', UsageData: { Size: 7000 } },
    { Name: 'spare', UsageData: { Size: -1 } },
  ],
};
const networks = [
  { id: 'b0', name: 'bridge' },
  { id: 'n1', name: 'front' },
  { id: 'n2', name: 'back' },
  { id: 'n3', name: 'unused' },
];
const plan = (level: 'safe' | 'moderate' | 'aggressive') =>
  Object.fromEntries(
    cleanupPlan(level, df, networks, { hours: 24, nowSeconds: now }).map((p) => [p.kind, p]),
  );

describe('cleanupPlan', () => {
  it('safe: old stopped containers, dangling images, networks left without containers', () => {
    const p = plan('safe');
    expect(p.containers).toEqual({ kind: 'containers', names: ['old'], bytes: 100 });
    expect(p.images).toEqual({ kind: 'images', names: ['dangling0000'], bytes: 2000 });
    // front was used only by the pruned container; bridge is built in.
    expect(p.networks?.names).toEqual(['front', 'unused']);
    expect(p.volumes).toBeUndefined();
  });

  it('moderate: every image no remaining container uses (unique size only)', () => {
    const p = plan('moderate');
    expect(p.images?.names.sort()).toEqual(['app:1', 'dangling0000', 'lonely:1']);
    expect(p.images?.bytes).toBe(600 + 2000 + 300);
    expect(p.volumes).toBeUndefined();
  });

  it('aggressive: volumes no remaining container mounts', () => {
    const p = plan('aggressive');
    expect(p.volumes).toEqual({ kind: 'volumes', names: ['data', 'spare'], bytes: 5000 });
  });
});
