import { describe, expect, it } from 'vitest';
import {
  type CleanupSnapshot,
  cleanupPlan,
  isDangling,
  labelsMatch,
  type PlannedObject,
  planBytes,
  planTargets,
  prunePlan,
} from './cleanup-plan.js';
import { planOf } from './prune.js';

const now = new Date('2030-01-01T00:00:00Z');
const at = (hoursAgo: number) => Math.floor(now.getTime() / 1000) - hoursAgo * 3600;
const net = (name: string, id: string) => ({ [name]: { NetworkID: id } });

function container(id: string, o: Partial<CleanupSnapshot['containers'][number]> = {}) {
  return {
    Id: id,
    Names: [`/${id}`],
    ImageID: 'img-app',
    State: 'exited',
    Created: at(48),
    SizeRw: 100,
    Labels: {},
    Mounts: [],
    NetworkSettings: { Networks: {} },
    ...o,
  };
}

function image(id: string, o: Partial<CleanupSnapshot['images'][number]> = {}) {
  return {
    Id: id,
    RepoTags: [],
    RepoDigests: [],
    Created: at(100),
    Size: 1000,
    SharedSize: 0,
    Labels: {},
    ...o,
  };
}

const snapshot: CleanupSnapshot = {
  now,
  containers: [
    container('old', {
      Mounts: [{ Type: 'volume', Name: 'data', Destination: '/d' }],
      NetworkSettings: { Networks: net('front', 'n1') },
    }),
    container('new', { ImageID: 'img-new', Created: at(1), SizeRw: 50, Labels: { team: 'a' } }),
    container('run', {
      ImageID: 'img-run',
      State: 'running',
      Created: at(72),
      Mounts: [{ Type: 'volume', Name: 'live', Destination: '/l' }],
      NetworkSettings: { Networks: net('back', 'n2') },
    }),
    container('dead', {
      ImageID: 'img-run',
      State: 'dead',
      Created: at(30),
      SizeRw: -1,
      Labels: { team: 'b' },
    }),
  ],
  images: [
    image('img-app', { RepoTags: ['app:1', 'app:latest'], Size: 1000, SharedSize: 400 }),
    image('img-new', { RepoTags: ['new:1'], Size: 10 }),
    image('img-run', { RepoTags: ['run:1'], Size: 10 }),
    image('sha256:dangling', {
      RepoTags: ['<none>:<none>'],
      RepoDigests: ['<none>@<none>'],
      Size: 2000,
      SharedSize: -1,
    }),
    image('img-digest', { RepoDigests: ['repo@sha256:abc'], Size: 5, Labels: { team: 'a' } }),
    image('img-lonely', { RepoTags: ['lonely:1'], Size: 300, Created: at(2), Labels: { team: 'a' } }),
  ],
  volumes: [
    { Name: 'data', Labels: {}, UsageData: { Size: 5000, RefCount: 1 } },
    { Name: 'live', Labels: {}, UsageData: { Size: 7000, RefCount: 1 } },
    { Name: 'spare', Labels: { team: 'a' }, UsageData: { Size: -1, RefCount: 0 } },
  ],
  networks: [
    { id: 'b0', name: 'bridge', labels: {} },
    { id: 'n1', name: 'front', labels: {}, created: '2029-12-01T00:00:00Z' },
    { id: 'n2', name: 'back', labels: {} },
    { id: 'n3', name: 'unused', labels: { team: 'a' }, created: '2029-12-31T23:00:00Z' },
  ],
};

const ids = (objects: PlannedObject[], kind?: string) =>
  objects.filter((o) => kind === undefined || o.kind === kind).map((o) => o.id);

describe('prunePlan', () => {
  it('containers: every stopped one (exited, created, dead), never a running one', () => {
    expect(ids(prunePlan('container', snapshot))).toEqual(['old', 'new', 'dead']);
  });

  it('until keeps what was created since; label keeps what does not match', () => {
    const until = new Date(now.getTime() - 24 * 3_600_000);
    expect(ids(prunePlan('container', snapshot, { until }))).toEqual(['old', 'dead']);
    expect(ids(prunePlan('container', snapshot, { label: ['team'] }))).toEqual(['new', 'dead']);
    expect(ids(prunePlan('container', snapshot, { label: ['team=a'] }))).toEqual(['new']);
    expect(ids(prunePlan('image', snapshot, { all: true, label: ['team=a'], until }))).toEqual([
      'img-digest',
    ]);
    // n3 is younger than a day; n1 is old but still held by the stopped container `old`.
    expect(ids(prunePlan('network', snapshot, { until }))).toEqual([]);
    expect(ids(prunePlan('volume', snapshot, { label: ['team=a'] }))).toEqual(['spare']);
  });

  it('images: dangling (no tag, no digest) unless all; never one a container uses', () => {
    expect(ids(prunePlan('image', snapshot))).toEqual(['sha256:dangling']);
    // img-app is used by the stopped container `old`, which a prune of images keeps.
    expect(ids(prunePlan('image', snapshot, { all: true }))).toEqual([
      'sha256:dangling',
      'img-digest',
      'img-lonely',
    ]);
  });

  it('networks and volumes: only what no container holds, builtin networks never', () => {
    expect(ids(prunePlan('network', snapshot))).toEqual(['n3']);
    expect(ids(prunePlan('volume', snapshot))).toEqual(['spare']);
  });

  it('sizes: writable layer, unique image bytes, volume data; unknown stays unknown', () => {
    const all = [...prunePlan('container', snapshot), ...prunePlan('image', snapshot, { all: true })];
    const bytes = Object.fromEntries(all.map((o) => [o.id, o.bytes]));
    expect(bytes).toEqual({
      old: 100,
      new: 50,
      dead: undefined,
      'sha256:dangling': 2000,
      'img-digest': 5,
      'img-lonely': 300,
    });
    expect(prunePlan('volume', snapshot)[0]?.bytes).toBeUndefined();
  });
});

describe('cleanupPlan', () => {
  it('is the composition of prunes: containers ≥ 24 h first, then what only they held', () => {
    const safe = cleanupPlan('safe', snapshot);
    expect(ids(safe, 'container')).toEqual(['old', 'dead']);
    // `front` was held only by `old`; img-run is still used by the running container.
    expect(ids(safe, 'network')).toEqual(['n1', 'n3']);
    expect(ids(safe, 'image')).toEqual(['sha256:dangling']);
    expect(ids(safe, 'volume')).toEqual([]);
    expect(safe.map((o) => o.kind)).toEqual(['container', 'container', 'network', 'network', 'image']);
  });

  it('agrees with the prunes it is made of, kind by kind', () => {
    const until = new Date(now.getTime() - 24 * 3_600_000);
    const gone = new Set(ids(prunePlan('container', snapshot, { until })));
    const without: CleanupSnapshot = {
      ...snapshot,
      containers: snapshot.containers.filter((c) => !gone.has(c.Id)),
    };
    for (const level of ['safe', 'moderate', 'aggressive'] as const) {
      const plan = cleanupPlan(level, snapshot);
      expect(ids(plan, 'container')).toEqual([...gone]);
      expect(ids(plan, 'network')).toEqual(ids(prunePlan('network', without)));
      expect(ids(plan, 'image')).toEqual(ids(prunePlan('image', without, { all: level !== 'safe' })));
      expect(ids(plan, 'volume')).toEqual(level === 'aggressive' ? ids(prunePlan('volume', without)) : []);
    }
  });

  it('moderate: every unused image; aggressive adds volumes nothing left mounts', () => {
    expect(ids(cleanupPlan('moderate', snapshot), 'image')).toEqual([
      'img-app',
      'sha256:dangling',
      'img-digest',
      'img-lonely',
    ]);
    expect(ids(cleanupPlan('aggressive', snapshot), 'volume')).toEqual(['data', 'spare']);
    const app = cleanupPlan('moderate', snapshot).find((o) => o.id === 'img-app');
    expect(app).toMatchObject({ name: 'app:1', tags: ['app:1', 'app:latest'], bytes: 600 });
  });
});

describe('plans', () => {
  it('bind tokens to kind and full id (volumes: name), and sum the known sizes', () => {
    const plan = cleanupPlan('aggressive', snapshot);
    expect(planTargets(plan)).toContain('image sha256:dangling');
    expect(planTargets(plan)).toContain('volume spare');
    expect(planBytes(plan)).toBe(100 + 600 + 2000 + 5 + 300 + 5000);
  });

  it('rows: one per object with a docker-style size, then the total', () => {
    const plan = planOf(cleanupPlan('safe', snapshot));
    expect(plan.rows[0]).toEqual({ kind: 'container', id: 'old', name: 'old', size: '100B' });
    expect(plan.rows.at(-1)).toEqual({ kind: 'total', count: 5, size: '2.1kB' });
  });

  it('reads labels and dangling as the engine does', () => {
    expect(labelsMatch({ a: '1' }, ['a', 'a=1'])).toBe(true);
    expect(labelsMatch({ a: '1' }, ['a=2'])).toBe(false);
    expect(labelsMatch({ a: 'x=y' }, ['a=x=y'])).toBe(true);
    expect(isDangling({ RepoTags: ['<none>:<none>'], RepoDigests: [] })).toBe(true);
    expect(isDangling({ RepoTags: [], RepoDigests: ['r@sha256:1'] })).toBe(false);
  });
});
