import { dockerClient, engineSuite, startContainer, testLabels, waitUntil } from '@berth/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Runner, useRunner } from './docker-core.test-support.js';

const RUNNING = new Set(['running', 'paused', 'restarting']);
let batches = 0;

/** A label only this test's containers carry, so other tests on the engine never count. */
function batch(): { label: string; labels: Record<string, string> } {
  const value = `${process.pid}-${Date.now()}-${++batches}`;
  return { label: `berth.test.batch=${value}`, labels: { 'berth.test.batch': value } };
}

/** A labelled container that is created and never started. */
async function created(
  image: string,
  labels: Record<string, string>,
): Promise<AsyncDisposable & { id: string }> {
  const container = await dockerClient().createContainer({
    Image: image,
    Cmd: ['true'],
    Labels: testLabels(labels),
  });
  return {
    id: container.id,
    async [Symbol.asyncDispose]() {
      await container.remove({ force: true }).catch(() => {});
    },
  };
}

engineSuite('resources on the real engine', () => {
  const tools: Runner = useRunner();
  const failure = tools.failure;
  let image: string;
  beforeAll(() => {
    image = tools.image;
  });

  describe('list', () => {
    it('state stopped returns no running container; running returns no stopped one', async () => {
      const { label, labels } = batch();
      await using up = await startContainer({ image, cmd: ['sleep', '300'], labels });
      await using down = await created(image, labels);
      const stopped = await tools.ok('read', { action: 'list', state: 'stopped', limit: 500 });
      expect(stopped.rows.filter((r) => RUNNING.has(String(r.state)))).toEqual([]);
      const mine = await tools.ok('read', { action: 'list', state: 'stopped', label: [label] });
      expect(mine.rows.map((r) => r.id)).toEqual([down.id.slice(0, 12)]);
      const running = await tools.ok('read', { action: 'list', state: 'running', label: [label] });
      expect(running.rows.map((r) => r.name)).toEqual([up.name]);
      const all = await tools.ok('read', { action: 'list', label: [label] });
      expect(all.rows).toHaveLength(2);
    });

    it('label filters containers by key and by key=value, all having to match', async () => {
      const { label, labels } = batch();
      await using web = await created(image, { ...labels, 'berth.test.role': 'web' });
      await using db = await created(image, { ...labels, 'berth.test.role': 'db' });
      const ids = async (label: string[]) =>
        (await tools.ok('read', { action: 'list', label })).rows.map((r) => r.id).sort();
      expect(await ids([label])).toEqual([web.id, db.id].map((id) => id.slice(0, 12)).sort());
      expect(await ids([label, 'berth.test.role=web'])).toEqual([web.id.slice(0, 12)]);
      expect(await ids([label, 'berth.test.role'])).toHaveLength(2);
      expect(await ids([label, 'berth.test.role=cache'])).toEqual([]);
      // The filter reaches the engine for the other kinds too: no image carries this label.
      expect((await tools.ok('read', { action: 'list', kind: 'image', label: [label] })).rows).toEqual([]);
    });

    it('pages newest first, and containers removed between pages never make it skip a survivor', async () => {
      const { label, labels } = batch();
      const made: (AsyncDisposable & { id: string })[] = [];
      try {
        for (let i = 0; i < 7; i++) made.push(await created(image, labels));
        const first = await tools.ok('read', { action: 'list', label: [label], limit: 3 });
        const times = first.rows.map((r) => Date.parse(String(r.created)));
        expect(times).toEqual([...times].sort((a, b) => b - a));
        expect(first.next).toBeDefined();
        // Remove one row already shown and one not shown yet, then read on.
        const shown = first.rows.map((r) => String(r.id));
        const all = (await tools.ok('read', { action: 'list', label: [label], limit: 500 })).rows.map((r) =>
          String(r.id),
        );
        expect(all.slice(0, 3)).toEqual(shown);
        const gone = new Set([shown[1], all[5]]);
        for (const m of made) if (gone.has(m.id.slice(0, 12))) await m[Symbol.asyncDispose]();
        const seen = [...shown];
        let cursor = first.next;
        while (cursor) {
          const page = await tools.ok('read', { action: 'list', label: [label], limit: 3, cursor });
          seen.push(...page.rows.map((r) => String(r.id)));
          cursor = page.next;
        }
        const survivors = all.filter((id) => !gone.has(id));
        for (const id of survivors) expect(seen).toContain(id);
        expect(new Set(seen).size).toBe(seen.length);
      } finally {
        for (const m of made) await m[Symbol.asyncDispose]();
      }
    });

    it('state applies to containers only', async () => {
      expect(await failure('read', { action: 'list', kind: 'volume', state: 'running' })).toMatch(
        /state applies to kind container only/,
      );
    });
  });

  it('logs mask a secret the container echoes without its key', async () => {
    const secret = 'berth-s3cret-Value-91x';
    await using app = await startContainer({
      image,
      env: { DB_PASSWORD: secret },
      cmd: ['sh', '-c', 'echo "connecting with $DB_PASSWORD"; echo done; sleep 300'],
    });
    await waitUntil('logs written', async () => (await app.logs()).stdout.includes('done'), {
      timeoutMs: 20_000,
    });
    const logs = await tools.ok('read', { action: 'logs', id: app.name, since: '10m' });
    const lines = logs.rows[0]?.lines as string[];
    expect(lines).toContain('out| done');
    expect(lines.some((l) => l.startsWith('out| connecting with '))).toBe(true);
    expect(JSON.stringify(logs)).not.toContain(secret);
    const info = await tools.ok('read', { action: 'info', id: app.name });
    expect(JSON.stringify(info)).not.toContain(secret);
    expect(info.rows[0]).toMatchObject({ name: app.name, state: 'running' });
  });

  it('an unknown container gets the closest names', async () => {
    await using app = await startContainer({ image, cmd: ['sleep', '300'] });
    expect(await failure('read', { action: 'stats', id: `${app.name}x` })).toMatch(
      new RegExp(`no container '${app.name}x'.*${app.name}`),
    );
  });
});
