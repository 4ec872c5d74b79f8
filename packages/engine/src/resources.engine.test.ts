import { engineSuite, startRegistry, testLabels, testRunId } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import { createContainer, runContainer } from './container-create.js';
import { startContainer } from './container-lifecycle.js';
import { EngineError } from './engine-error.js';
import {
  codeOf,
  openTarget,
  removeLater,
  type TargetName,
  uniqueName,
  useTarget,
} from './engine-targets.test-support.js';
import { type PullProgress, pullImage } from './image-pull.js';
import { inspectImage, listImages, pruneImages, removeImage, tagImage } from './images.js';
import {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  inspectNetwork,
  listNetworks,
  pruneNetworks,
  removeNetwork,
} from './networks.js';
import { createVolume, inspectVolume, listVolumes, pruneVolumes, removeVolume } from './volumes.js';

engineSuite(
  'images, volumes and networks on a real engine',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const target = useTarget(targetName);

      it('lists, inspects, tags and removes images', async () => {
        const { docker, image } = target;
        const listed = await listImages(docker, { filters: { reference: image } });
        expect(listed.total).toBe(1);
        expect(listed.items[0]?.repoTags).toContain(image);
        const info = await inspectImage(docker, image);
        expect(info.Id).toBe(listed.items[0]?.id);
        // Tagged like the registry's test images, so a crashed run's tag is swept.
        const extra = `berth.local/berth-test/engine:${testRunId()}`;
        await tagImage(docker, image, extra);
        try {
          expect((await inspectImage(docker, extra)).Id).toBe(info.Id);
          expect((await listImages(docker, { filters: { reference: extra } })).total).toBe(1);
        } finally {
          const removed = await removeImage(docker, extra);
          expect(removed.untagged).toContain(extra);
          expect(removed.deleted).toEqual([]);
        }
        expect(await codeOf(inspectImage(docker, extra))).toBe('NOT_FOUND');
        expect(await codeOf(inspectImage(docker, '--help'))).toBe('INVALID');
        // The label filter reaches the engine: unlabelled dangling images are left alone.
        const pruned = await pruneImages(docker, { filters: { label: { 'berth.test': testRunId() } } });
        expect(pruned).toEqual({ removed: [], spaceReclaimedBytes: 0 });
      });

      it('turns a failed pull into an error, never a success', async () => {
        const { docker } = target;
        const error = await pullImage(docker, '127.0.0.1:9/berth-test/none:x').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(EngineError);
        expect((error as EngineError).code).toBe('UNREACHABLE');
        expect((error as EngineError).message).toContain('127.0.0.1:9');
      });

      it('creates, lists, inspects, prunes and removes volumes', async () => {
        const { docker } = target;
        const batch = uniqueName('vb');
        const labels = testLabels({ 'berth.test.batch': batch });
        const name = uniqueName('vol');
        const created = await createVolume(docker, { name, labels });
        try {
          expect(created).toMatchObject({ name, driver: 'local', labels });
          const listed = await listVolumes(docker, { filters: { label: { 'berth.test.batch': batch } } });
          expect(listed.volumes.map((v) => v.name)).toEqual([name]);
          expect((await inspectVolume(docker, name)).Labels).toMatchObject(labels);
          await removeVolume(docker, name);
          expect(await codeOf(inspectVolume(docker, name))).toBe('NOT_FOUND');
          const a = await createVolume(docker, { labels });
          const b = await createVolume(docker, { name: uniqueName('vol'), labels });
          const pruned = await pruneVolumes(docker, { filters: { label: { 'berth.test.batch': batch } } });
          expect(pruned.removed.sort()).toEqual([a.name, b.name].sort());
          expect(
            (await listVolumes(docker, { filters: { label: { 'berth.test.batch': batch } } })).volumes,
          ).toEqual([]);
        } finally {
          for (const v of (await listVolumes(docker, { filters: { label: { 'berth.test.batch': batch } } }))
            .volumes) {
            await removeVolume(docker, v.name, { force: true });
          }
        }
      });

      it('creates networks, connects and disconnects containers, prunes and removes', async () => {
        const { docker, image } = target;
        const batch = uniqueName('nb');
        const labels = testLabels({ 'berth.test.batch': batch });
        const name = uniqueName('net');
        const { id } = await createNetwork(docker, { name, labels, internal: true, subnet: '10.231.7.0/24' });
        try {
          expect(await codeOf(createNetwork(docker, { name, labels }))).toBe('CONFLICT');
          const listed = await listNetworks(docker, { filters: { label: { 'berth.test.batch': batch } } });
          expect(listed).toEqual([
            expect.objectContaining({ id, name, internal: true, subnets: ['10.231.7.0/24'] }),
          ]);
          const { id: containerId } = await runContainer(docker, {
            image,
            cmd: ['sleep', '300'],
            labels: testLabels(),
          });
          await using _ = removeLater(docker, containerId);
          await connectNetwork(docker, name, containerId, { aliases: ['db-alias'] });
          const attached = await inspectNetwork(docker, id);
          expect(Object.keys(attached.Containers ?? {})).toEqual([containerId]);
          await disconnectNetwork(docker, name, containerId);
          expect(Object.keys((await inspectNetwork(docker, id)).Containers ?? {})).toEqual([]);
          await removeNetwork(docker, name);
          expect(await codeOf(inspectNetwork(docker, name))).toBe('NOT_FOUND');
          const other = uniqueName('net');
          await createNetwork(docker, { name: other, labels });
          const pruned = await pruneNetworks(docker, { filters: { label: { 'berth.test.batch': batch } } });
          expect(pruned.removed).toEqual([other]);
        } finally {
          for (const n of await listNetworks(docker, { filters: { label: { 'berth.test.batch': batch } } })) {
            await removeNetwork(docker, n.id);
          }
        }
      });

      it('refuses a network name in the wrong case and leaves the container startable', async () => {
        // A 20.10 engine would connect `BRIDGE` and then fail every start of the container.
        const { docker, image } = target;
        const { id } = await createContainer(docker, { image, cmd: ['sleep', '300'], labels: testLabels() });
        await using _ = removeLater(docker, id);
        expect(await codeOf(connectNetwork(docker, 'BRIDGE', id))).toBe('NOT_FOUND');
        await startContainer(docker, id);
        expect((await docker.getContainer(id).inspect()).State.Running).toBe(true);
      });
    });
  },
  { timeout: 300_000 },
);

engineSuite(
  'pulls from a registry',
  () => {
    it('pulls with progress events and reports a missing tag as NOT_FOUND', async () => {
      await using registry = await startRegistry();
      await using target = await openTarget('local');
      // The push left the reference on this engine; remove it so the pull has work to do.
      await removeImage(target.docker, registry.testImage);
      const events: PullProgress[] = [];
      const result = await pullImage(target.docker, registry.testImage, {
        onProgress: (e) => events.push(e),
      });
      expect(result.ref).toBe(registry.testImage);
      expect(result.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(result.status).toContain(registry.testImage);
      expect(events.some((e) => e.status?.startsWith('Pulling from'))).toBe(true);
      expect((await inspectImage(target.docker, registry.testImage)).RepoTags).toContain(registry.testImage);
      const again = await pullImage(target.docker, registry.testImage);
      expect(again.status).toContain('up to date');
      const missing = await pullImage(
        target.docker,
        `${registry.address}/berth-test/busybox:no-such-tag`,
      ).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(EngineError);
      expect((missing as EngineError).code).toBe('NOT_FOUND');
      const cancelled = await pullImage(target.docker, registry.testImage, {
        signal: AbortSignal.abort(),
      }).catch((e: unknown) => e);
      expect((cancelled as EngineError).code).toBe('CANCELLED');
    });
  },
  { timeout: 300_000 },
);
