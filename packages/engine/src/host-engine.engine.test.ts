import { setTimeout as sleep } from 'node:timers/promises';
import { engineSuite, testLabels } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import { cliDiskUsage, dfDisagreements } from './docker-cli-df.test-support.js';
import { codeOf, removeLater, type TargetName, useTarget } from './engine-targets.test-support.js';
import { bindEngine, type HostEngine } from './host-engine.js';
import { openHostEngine } from './open-host-engine.js';

const never = new AbortController().signal;

engineSuite(
  'HostEngine on a real engine',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const target = useTarget(targetName);
      const engine = (): HostEngine => bindEngine(target.lease, { signal: never });

      it('disk usage read several times at once: the engine runs one at a time, every read answers', async () => {
        const host = engine();
        const reads = await Promise.allSettled(
          Array.from({ length: 5 }, () => host.system.diskUsageDetail()),
        );
        expect(reads.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(
          Array(5).fill('ok'),
        );
      });

      it('lists, inspects, starts and stops through the bound client', async () => {
        const host = engine();
        expect(host.profile).toBe(targetName);
        const batch = `host-${targetName}-${Date.now()}`;
        const labels = testLabels({ 'berth.test.batch': batch });
        const created = await host.containers.create({ image: target.image, cmd: ['sleep', '300'], labels });
        await using _ = removeLater(target.docker, created.id);
        await host.containers.start(created.id);
        const filters = { label: { 'berth.test.batch': batch } };
        const running = await host.containers.list({ filters: { ...filters, status: 'running' } });
        expect(running.items.map((c) => c.id)).toEqual([created.id]);
        expect((await host.containers.inspect(created.id)).State.Running).toBe(true);
        await host.containers.stop(created.id, { timeoutSeconds: 1 });
        expect((await host.containers.inspect(created.id)).State.Running).toBe(false);
        await host.containers.remove(created.id);
        expect(await codeOf(host.containers.inspect(created.id))).toBe('NOT_FOUND');
      });

      it('execs argv in a container and returns the real exit code', async () => {
        const host = engine();
        const { id } = await host.containers.run({
          image: target.image,
          cmd: ['sleep', '300'],
          labels: testLabels(),
        });
        await using _ = removeLater(target.docker, id);
        const result = await host.exec(id, ['sh', '-c', 'echo "$0"; echo oops >&2; exit 3', 'a b;c']);
        expect(result).toMatchObject({ exitCode: 3, stdout: 'a b;c\n', stderr: 'oops\n' });
        // A short profile timeout does not cut an exec short: exec keeps its own longer default.
        const short = bindEngine(target.lease, { signal: never, timeoutMs: 200 });
        expect((await short.exec(id, ['sleep', '1'])).exitCode).toBe(0);
        expect(await codeOf(short.exec(id, ['sleep', '5'], { timeoutMs: 300 }))).toBe('TIMEOUT');
      });

      it('runs a host command over the same connection', async () => {
        const host = await openHostEngine(target.pool, targetName, { signal: never });
        const result = await host.run(['docker', 'version', '--format', '{{.Server.Version}}']);
        expect(result.exitCode).toBe(0);
        expect(result.stdout.trim()).toBe((await host.system.version()).version);
      });

      it('summarizes disk usage as `docker system df` does', async () => {
        const host = engine();
        // Other tests share this engine (three packages run at once in CI): compare only
        // when nothing changed around the CLI's read and the engine was not busy with another
        // client's disk usage read, and wait up to a minute for such a moment.
        let disagreements: string[] = ['never compared: the engine changed around every read'];
        const until = Date.now() + 60_000;
        while (disagreements.length > 0 && Date.now() < until) {
          const before = await host.system.diskUsage();
          const rows = await cliDiskUsage(host, targetName === 'local');
          const after = await host.system.diskUsage();
          if (rows === undefined || JSON.stringify(before) !== JSON.stringify(after)) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            continue;
          }
          disagreements = dfDisagreements(after, rows);
        }
        expect(disagreements).toEqual([]);
        const detail = await host.system.diskUsageDetail();
        expect(detail.Images.length).toBeGreaterThanOrEqual(1);
        expect(detail.LayersSize).toBeGreaterThan(0);
      });

      it('pages containers newest first; removals between pages never skip a survivor', async () => {
        const host = engine();
        const batch = `page-${targetName}-${Date.now()}`;
        const labels = testLabels({ 'berth.test.batch': batch });
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          ids.push((await host.containers.create({ image: target.image, cmd: ['true'], labels })).id);
        }
        const filters = { label: { 'berth.test.batch': batch } };
        await using _ = {
          async [Symbol.asyncDispose]() {
            for (const c of (await host.containers.list({ filters })).items) {
              await host.containers.remove(c.id, { force: true });
            }
          },
        };
        const all = (await host.containers.list({ filters })).items.map((c) => c.id);
        expect([...all].sort()).toEqual([...ids].sort());
        const first = await host.containers.list({ filters, limit: 2 });
        expect(first.items.map((c) => c.id)).toEqual(all.slice(0, 2));
        // The cursor's own row and the row right after it go; a newer container arrives.
        await host.containers.remove(all[1] as string);
        await host.containers.remove(all[2] as string);
        // Created is in whole seconds: a second later, the newcomer sorts before the cursor.
        await sleep(1100);
        await host.containers.create({ image: target.image, cmd: ['true'], labels });
        const second = await host.containers.list({ filters, limit: 2, cursor: first.nextCursor as string });
        expect(second.items.map((c) => c.id)).toEqual(all.slice(3, 5));
        expect(second.total).toBe(4);
        expect(second.nextCursor).toBeUndefined();
      });

      it('cancels an in-flight call when a signal aborts', async () => {
        const caller = new AbortController();
        const host = bindEngine(target.lease, { signal: caller.signal });
        const { id } = await host.containers.run({
          image: target.image,
          cmd: ['sleep', '300'],
          labels: testLabels(),
        });
        await using _ = removeLater(target.docker, id);
        const own = new AbortController();
        const waiting = codeOf(host.containers.wait(id, { signal: own.signal }));
        setTimeout(() => own.abort(), 200);
        expect(await waiting).toBe('CANCELLED');
        const alsoWaiting = codeOf(host.containers.wait(id));
        setTimeout(() => caller.abort(), 200);
        expect(await alsoWaiting).toBe('CANCELLED');
        expect(await codeOf(host.containers.list())).toBe('CANCELLED');
      });

      // Its own timeout is the bound: a call that ignored the profile's 1 s would run far past it.
      it("times a slow call out at the profile's timeout", { timeout: 20_000 }, async () => {
        await using slow = await target.unresponsive(1000);
        const host = bindEngine(slow, { signal: never });
        const error = await host.containers.list().catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'TIMEOUT' });
        expect((error as Error).message).toMatch(/list containers timed out after 1000 ms/);
        expect(await codeOf(host.containers.inspect('anything'))).toBe('TIMEOUT');
      });
    });
  },
  { timeout: 300_000 },
);
