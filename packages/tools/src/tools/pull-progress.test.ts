import { describe, expect, it } from 'vitest';
import { PullProgressSteps } from './pull-progress.js';

describe('PullProgressSteps', () => {
  it('reports each phase of each layer once, with an increasing count and the layer size as docker prints it', () => {
    const steps = new PullProgressSteps();
    const events = [
      { status: 'Pulling from berth-test/busybox', id: 'run1' },
      { status: 'Pulling fs layer', id: 'a1' },
      { status: 'Downloading', id: 'a1', progressDetail: { current: 10, total: 3_400_000 } },
      { status: 'Downloading', id: 'a1', progressDetail: { current: 90, total: 3_400_000 } },
      { status: 'Pull complete', id: 'a1' },
      { progressDetail: {} },
      { status: 'Digest: sha256:abc' },
      { status: 'Status: Downloaded newer image for x' },
    ];
    const out = events.map((e) => steps.next(e)).filter((s) => s !== undefined);
    expect(out.map((s) => s.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(out.map((s) => s.message)).toEqual([
      'run1: Pulling from berth-test/busybox',
      'a1: Pulling fs layer',
      'a1: Downloading 3.4MB',
      'a1: Pull complete',
      'Digest: sha256:abc',
      'Status: Downloaded newer image for x',
    ]);
  });
});
