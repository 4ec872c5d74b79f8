import { Readable } from 'node:stream';
import { engineSuite, testLabels } from '@berth/testkit';
import { expect, it } from 'vitest';
import { codeOf, uniqueName, useTarget } from './engine-targets.test-support.js';
import { bindEngine } from './host-engine.js';

engineSuite('archive, save and load streams on a real engine', () => {
  const target = useTarget('local');

  it('copies a volume into another through two created containers, and an image through save and load', async () => {
    const host = bindEngine(target.lease, { signal: new AbortController().signal });
    const labels = testLabels();
    const [from, to] = [uniqueName('arch'), uniqueName('arch')];
    const made: string[] = [];
    try {
      for (const name of [from, to]) await host.volumes.create({ name, labels });
      const writer = await host.containers.run({
        image: target.image,
        cmd: [
          'sh',
          '-c',
          'mkdir /v/sub && echo alpha > /v/sub/a && ln -s sub/a /v/link && chmod 600 /v/sub/a',
        ],
        mounts: [{ type: 'volume', source: from, target: '/v' }],
        labels,
      });
      made.push(writer.id);
      expect((await host.containers.wait(writer.id)).exitCode).toBe(0);
      // Created, never started: the archive API mounts their volumes for the copy.
      const reader = await host.containers.create({
        image: target.image,
        mounts: [{ type: 'volume', source: from, target: '/m/data', readOnly: true }],
        labels,
      });
      const sink = await host.containers.create({
        image: target.image,
        mounts: [{ type: 'volume', source: to, target: '/m/data' }],
        labels,
      });
      made.push(reader.id, sink.id);
      await host.containers.putArchive(sink.id, '/m', await host.containers.archive(reader.id, '/m/data'));
      const check = await host.containers.run({
        image: target.image,
        cmd: ['sh', '-c', 'cat /v/link; stat -c %a /v/sub/a'],
        mounts: [{ type: 'volume', source: to, target: '/v' }],
        labels,
      });
      made.push(check.id);
      await host.containers.wait(check.id);
      expect((await host.containers.logs(check.id)).lines.map((l) => l.text)).toEqual(['alpha', '600']);

      const before = await host.images.inspect(target.image);
      const { loaded } = await host.images.load(await host.images.save(target.image));
      expect(loaded).toEqual([target.image]);
      expect((await host.images.inspect(target.image)).Id).toBe(before.Id);
    } finally {
      for (const id of made) await host.containers.remove(id, { force: true });
      for (const name of [from, to]) await host.volumes.remove(name).catch(() => {});
    }
  });

  it('fails a load of a broken archive, a write into a missing container, and a cancelled read', async () => {
    const host = bindEngine(target.lease, { signal: new AbortController().signal });
    expect(await codeOf(host.images.load(Readable.from([Buffer.alloc(4096, 7)])))).toBe('ENGINE');
    expect(
      await codeOf(
        host.containers.putArchive('berth-no-such-container', '/', Readable.from([Buffer.alloc(1024)])),
      ),
    ).toBe('NOT_FOUND');
    const cancelled = AbortSignal.abort();
    expect(await codeOf(host.containers.archive('berth-no-such-container', '/', { signal: cancelled }))).toBe(
      'CANCELLED',
    );
    expect(await codeOf(host.containers.archive('x', 'relative/path'))).toBe('INVALID');
  });
});
