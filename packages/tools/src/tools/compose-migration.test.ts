import type { MigrationPlan } from '@berth/compose';
import { describe, expect, it } from 'vitest';
import { shapeRows } from '../framework/shape-rows.js';
import { planRowKey, planRows } from './compose-migration.js';

const plan: MigrationPlan = {
  id: '0123456789abcdef0123456789abcdef',
  project: 'shop',
  source: 'a',
  target: 'b',
  directory: '/srv/shop',
  composeFiles: ['/srv/shop/compose.yaml'],
  containers: [{ id: 'c1', name: 'shop-web-1', service: 'web', image: 'web:1', running: true }],
  volumes: [
    {
      name: 'shop_db',
      driver: 'local',
      labels: {},
      sizeBytes: 2_500_000,
      helperImage: 'web:1',
      existsOnTarget: true,
    },
  ],
  binds: [{ path: '/etc/shop', helperImage: 'web:1', allowed: false, existsOnTarget: false }],
  images: [{ ref: 'web:1', id: 'sha256:1', sizeBytes: 1_000_000, missingOnTarget: true }],
  ports: [{ service: 'web', hostIp: '0.0.0.0', hostPort: 80, protocol: 'tcp', conflict: 'nginx' }],
  files: [{ path: '/srv/shop/compose.yaml', existsOnTarget: false }],
  knownBytes: 3_500_000,
  steps: ['stop-source', 'copy-images', 'copy-volumes', 'copy-binds', 'copy-files', 'start-target'],
  blockers: ['port 80/tcp is taken on b by nginx', 'volume shop_db exists on b'],
};

describe('planRows', () => {
  it('puts the verdict and the blockers before what moves, each fact on its row', () => {
    const { rows } = shapeRows(planRows(plan), { key: planRowKey, fanOut: false });
    expect(rows.map((r) => r.kind)).toEqual([
      'plan',
      'blocker',
      'blocker',
      'container',
      'volume',
      'bind',
      'image',
      'port',
      'file',
    ]);
    expect(rows[0]).toEqual({
      kind: 'plan',
      name: plan.id,
      note: expect.stringMatching(/^blocked: 2 blocker/),
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        { kind: 'volume', name: 'shop_db', size: '2.5MB', note: 'exists on b' },
        { kind: 'bind', name: '/etc/shop', note: 'outside bindRoots' },
        { kind: 'image', name: 'web:1', size: '1MB', note: 'missing on b: copied' },
        { kind: 'port', name: '0.0.0.0:80/tcp', note: 'web: taken by nginx on b' },
      ]),
    );
  });

  it('says a plan without blockers is ready, with its size, and each step on its row in order', () => {
    const ports = [{ service: 'web', hostIp: '0.0.0.0', hostPort: 80, protocol: 'tcp' }];
    const { rows } = shapeRows(planRows({ ...plan, ports, blockers: [] }), {
      key: planRowKey,
      fanOut: false,
    });
    expect(rows[0]?.note).toBe('ready, no blockers: a -> b, ~3.5MB; steps below');
    expect(rows.filter((r) => r.kind === 'step')).toEqual([
      { kind: 'step', name: '1 stop-source', note: 'stop the stack on a' },
      { kind: 'step', name: '2 copy-images', note: 'copy images missing on b' },
      { kind: 'step', name: '3 copy-volumes', note: 'copy volume data' },
      { kind: 'step', name: '4 copy-binds', note: 'copy bind folders' },
      { kind: 'step', name: '5 copy-files', note: 'copy compose files, sha256-checked' },
      { kind: 'step', name: '6 start-target', note: 'start on b, wait until healthy' },
    ]);
    expect(rows.map((r) => r.kind).indexOf('step')).toBe(1);
    expect(rows).toContainEqual({ kind: 'port', name: '0.0.0.0:80/tcp', note: 'web: free on b' });
  });
});
