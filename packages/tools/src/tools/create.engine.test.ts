import { baseImage, engineSuite, ensureImage } from '@berth/testkit';
import { expect, it } from 'vitest';
import {
  caseLabels,
  docker,
  exists,
  removeLabelled,
  uniqueName,
  useRunner,
} from './docker-core.test-support.js';

const imageId = async (ref: string) =>
  (await docker(['image', 'inspect', '-f', '{{.Id}}', ref])).stdout.trim();

engineSuite('create and container_ops on a real engine', () => {
  const r = useRunner();

  it('runs a labelled container: ports on 127.0.0.1, env echoed masked; exec masks what it was given', async () => {
    const caseId = uniqueName('run');
    try {
      const run = await r.ok('create', {
        action: 'run',
        image: r.image,
        name: caseId,
        cmd: ['sleep', '300'],
        env: { API_TOKEN: 'tok-1234567890', PLAIN: 'visible' },
        ports: ['8080'],
        labels: caseLabels(caseId),
      });
      const row = run.rows[0] ?? {};
      expect(row).toMatchObject({ name: caseId, state: 'running' });
      expect(row.ports).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+->8080\/tcp$/)]);
      expect(row.env).toEqual(expect.arrayContaining(['PLAIN=visible', 'API_TOKEN=***']));
      expect(JSON.stringify(run)).not.toContain('tok-1234567890');
      const labels = (await docker(['inspect', '-f', '{{json .Config.Labels}}', caseId])).stdout;
      expect(JSON.parse(labels)).toHaveProperty('berth.created');

      const exec = await r.ok('container_ops', {
        action: 'exec',
        id: caseId,
        argv: ['sh', '-c', 'echo "$DB_PASSWORD"; exit 3'],
        env: { DB_PASSWORD: 'pw-secret-0042' },
      });
      expect(exec.rows[0]).toMatchObject({ exitCode: 3, stdout: '***\n', truncated: false });
      const line = await r.call('container_ops', { action: 'exec', id: caseId, argv: 'ls -l /' });
      expect(line).toMatchObject({
        kind: 'error',
        error: { code: 'INVALID', message: expect.stringMatching(/array of strings/) },
      });
    } finally {
      await removeLabelled(`berth.test.case=${caseId}`);
    }
  });

  it('stop waits `grace` seconds before SIGKILL; `timeout` is exec only', async () => {
    const caseId = uniqueName('grace');
    try {
      // sleep as PID 1 ignores SIGTERM, so only the SIGKILL after the grace period stops it.
      await r.ok('create', {
        action: 'run',
        image: r.image,
        name: caseId,
        cmd: ['sleep', '300'],
        labels: caseLabels(caseId),
      });
      const wrong = await r.call('container_ops', { action: 'stop', id: caseId, timeout: 2 });
      expect(wrong).toMatchObject({ kind: 'error', error: { code: 'INVALID' } });
      const started = performance.now();
      await r.ok('container_ops', { action: 'stop', id: caseId, grace: 2 });
      const ms = performance.now() - started;
      expect(ms).toBeGreaterThanOrEqual(1_800);
      expect(ms).toBeLessThan(9_000);
      const state = (
        await docker(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}}', caseId])
      ).stdout.trim();
      expect(state).toBe('exited 137');
    } finally {
      await removeLabelled(`berth.test.case=${caseId}`);
    }
  });

  it('tags an image, refuses to move a tag off another image, and remove takes only that tag', async () => {
    const tag = `${uniqueName('tag')}:a`;
    const busybox = await imageId(r.image);
    try {
      await r.ok('create', { action: 'tag', image: r.image, name: tag });
      expect(await imageId(tag)).toBe(busybox);
      // The same tag on the same image again changes nothing and is fine.
      await r.ok('create', { action: 'tag', image: r.image, name: tag });

      const other = (await ensureImage(baseImage)).tag;
      const moved = await r.call('create', { action: 'tag', image: other, name: tag });
      expect(moved).toMatchObject({
        kind: 'error',
        error: { code: 'CONFLICT', message: expect.stringMatching(/untag/) },
      });
      expect(await imageId(tag)).toBe(busybox);

      const args = { action: 'remove', kind: 'image', id: tag };
      const plan = await r.ok('remove', args);
      expect(plan.rows).toEqual([expect.objectContaining({ kind: 'tag', name: tag })]);
      await r.ok('remove', { ...args, confirm_token: plan.confirm_token });
      expect(await exists('image', tag)).toBe(false);
      expect(await imageId(r.image)).toBe(busybox);
    } finally {
      await docker(['rmi', tag]);
    }
  });
});
