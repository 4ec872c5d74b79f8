import { engineSuite, testRunId } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import type { ConfirmFn } from '../framework/confirm-plan.js';
import type { Row, ToolOutput } from '../framework/tool-output.js';
import {
  caseLabels,
  containersLabelled,
  docker,
  exists,
  type Runner,
  removeLabelled,
  uniqueName,
  useRunner,
} from './docker-core.test-support.js';

const objects = (o: ToolOutput, kind?: string) =>
  o.rows.filter((r) => r.kind !== 'total' && (!kind || r.kind === kind));
const ids = (rows: Row[]) => rows.map((r) => String(r.id)).sort();
const total = (o: ToolOutput) => o.rows.find((r) => r.kind === 'total');

/** A stopped container of the case (`create container` makes it, never started). */
async function stopped(r: Runner, caseId: string): Promise<string> {
  const out = await r.ok('create', {
    action: 'container',
    image: r.image,
    cmd: ['true'],
    labels: caseLabels(caseId),
  });
  return String(out.rows[0]?.id);
}

engineSuite('remove: plans, tokens and exactly the plan, on a real engine', () => {
  const r = useRunner();

  it('answers with plan and token, refuses the token once the plan changed, then does the new plan', async () => {
    const caseId = uniqueName('token');
    const label = `berth.test.case=${caseId}`;
    try {
      const made = [await stopped(r, caseId), await stopped(r, caseId), await stopped(r, caseId)].sort();
      const args = { action: 'prune', kind: 'container', label: [label] };

      const plan = await r.ok('remove', args);
      expect(plan.confirm_token).toMatch(/^\d+\.[A-Za-z0-9_-]+$/);
      expect(ids(objects(plan))).toEqual(made);
      expect(total(plan)).toMatchObject({ kind: 'total', count: 3 });
      expect(await containersLabelled(label)).toEqual(made);

      const fourth = await stopped(r, caseId);
      const refused = await r.call('remove', { ...args, confirm_token: plan.confirm_token });
      expect(refused).toMatchObject({ kind: 'error', error: { code: 'PLAN_CHANGED' } });
      expect(await containersLabelled(label)).toEqual([...made, fourth].sort());

      const again = await r.ok('remove', args);
      expect(ids(objects(again))).toEqual([...made, fourth].sort());
      const done = await r.ok('remove', { ...args, confirm_token: again.confirm_token });
      expect(objects(done).map((row) => row.result)).toEqual(['removed', 'removed', 'removed', 'removed']);
      expect(total(done)).toMatchObject({ result: 'removed', count: 4 });
      expect(await containersLabelled(label)).toEqual([]);
    } finally {
      await removeLabelled(label);
    }
  });

  it('removes exactly the confirmed plan: a container stopped while the user was asked survives', async () => {
    const caseId = uniqueName('exact');
    const label = `berth.test.case=${caseId}`;
    try {
      const made = [await stopped(r, caseId), await stopped(r, caseId), await stopped(r, caseId)].sort();
      let late = '';
      let asked: string[] = [];
      const confirm: ConfirmFn = async (request) => {
        asked = request.plan.targets;
        late = await stopped(r, caseId);
        return { state: 'yes' };
      };
      const done = await r.ok('remove', { action: 'prune', kind: 'container', label: [label] }, { confirm });
      expect(asked).toHaveLength(3);
      expect(ids(objects(done))).toEqual(made);
      expect(total(done)).toMatchObject({ result: 'removed', count: 3 });
      expect(await containersLabelled(label)).toEqual([late]);
    } finally {
      await removeLabelled(label);
    }
  });

  it('plans one container with its anonymous volume (volumes: true) and removes both with the token', async () => {
    const caseId = uniqueName('one');
    const label = `berth.test.case=${caseId}`;
    try {
      const made = await docker([
        'create',
        '-v',
        '/data',
        '--label',
        label,
        '--label',
        `berth.test=${testRunId()}`,
        r.image,
      ]);
      const id = made.stdout.trim();
      const volume = (await docker(['inspect', '-f', '{{range .Mounts}}{{.Name}}{{end}}', id])).stdout.trim();
      const args = { action: 'remove', kind: 'container', id, volumes: true };
      const plan = await r.ok('remove', args);
      expect(plan.rows.map((row) => [row.kind, row.name])).toEqual([
        ['container', expect.any(String)],
        ['volume', volume],
      ]);
      expect(await exists('volume', volume)).toBe(true);
      const done = await r.ok('remove', { ...args, confirm_token: plan.confirm_token });
      expect(done.rows.map((row) => row.result)).toEqual(['removed', 'removed']);
      expect(await exists('container', id)).toBe(false);
      expect(await exists('volume', volume)).toBe(false);
    } finally {
      await removeLabelled(label);
    }
  });

  it('refuses volumes given as a string, and cleanup_aggressive without volumes: true', async () => {
    const bad = await r.call('remove', { action: 'remove', kind: 'container', id: 'x', volumes: 'false' });
    expect(bad).toMatchObject({ kind: 'error', error: { code: 'INVALID' } });
    const aggressive = await r.call('remove', { action: 'cleanup_aggressive', dry_run: true });
    expect(aggressive).toMatchObject({
      kind: 'error',
      error: { code: 'INVALID', message: expect.stringMatching(/volumes: true/) },
    });
  });

  describe('one planner', () => {
    /** Reads every preview and dry run once; the engine is shared, so a pass may see it change between calls. */
    async function readAll(runner: Runner) {
      const dry = (args: Record<string, unknown>) => runner.ok('remove', { ...args, dry_run: true });
      return {
        preview: (await runner.ok('read', { action: 'cleanup' })).rows,
        safe: await dry({ action: 'cleanup_safe' }),
        moderate: await dry({ action: 'cleanup_moderate' }),
        aggressive: await dry({ action: 'cleanup_aggressive', volumes: true }),
        containers: await dry({ action: 'prune', kind: 'container', until: '24h' }),
        networks: await dry({ action: 'prune', kind: 'network' }),
        images: await dry({ action: 'prune', kind: 'image' }),
      };
    }

    function agree(all: Awaited<ReturnType<typeof readAll>>): boolean {
      const counts = (o: ToolOutput) =>
        ['container', 'network', 'image', 'volume'].map((k) => objects(o, k).length);
      const levels = { safe: all.safe, moderate: all.moderate, aggressive: all.aggressive };
      const previewAgrees = Object.entries(levels).every(([level, plan]) => {
        const row = all.preview.find((p) => p.level === level);
        return (
          JSON.stringify([row?.containers, row?.networks, row?.images, row?.volumes]) ===
          JSON.stringify(counts(plan))
        );
      });
      const same = (a: Row[], b: Row[]) => JSON.stringify(ids(a)) === JSON.stringify(ids(b));
      return (
        previewAgrees &&
        same(objects(all.safe, 'container'), objects(all.containers)) &&
        same(objects(all.safe, 'network'), objects(all.networks)) &&
        same(objects(all.safe, 'image'), objects(all.images))
      );
    }

    it('system cleanup and remove prune dry runs plan the same objects, with sizes', async () => {
      const caseId = uniqueName('same');
      const label = `berth.test.case=${caseId}`;
      let image = '';
      try {
        const network = await r.ok('create', { action: 'network', name: caseId, labels: caseLabels(caseId) });
        const source = await stopped(r, caseId);
        const change = `LABEL berth.test=${testRunId()}`;
        image = (await docker(['commit', '--change', change, source])).stdout.trim().replace(/^sha256:/, '');
        let all = await readAll(r);
        for (let attempt = 1; attempt < 3 && !agree(all); attempt++) all = await readAll(r);
        expect(agree(all), JSON.stringify(all, null, 1)).toBe(true);
        expect(ids(objects(all.networks))).toContain(network.rows[0]?.id);
        const dangling = objects(all.images).find((row) => image.startsWith(String(row.id)));
        expect(dangling?.size).toMatch(/^\d+(\.\d+)?(B|kB|MB|GB)$/);
        expect(all.safe.confirm_token).toEqual(expect.any(String));
      } finally {
        await removeLabelled(label);
        if (image) await docker(['rmi', image]);
      }
    });
  });
});
