import { engineSuite, testLabels } from '@berth/testkit';
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { createContainer, runContainer } from './container-create.js';
import { listContainers } from './containers.js';
import { diskUsage } from './disk-usage.js';
import { diskUsageDetail } from './disk-usage-detail.js';
import { EngineError } from './engine-error.js';
import { removeLater, type TargetName, uniqueName, useTarget } from './engine-targets.test-support.js';
import { type EngineEvent, streamEvents } from './events.js';
import { createNetwork, listNetworks, removeNetwork } from './networks.js';
import { engineInfo, engineVersion, pruneContainers, systemPrune } from './system.js';
import { pruneVolumes } from './volumes.js';

engineSuite(
  'system and events on a real engine',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const target = useTarget(targetName);

      it('reads info, version and disk usage', async () => {
        const { docker } = target;
        const info = await engineInfo(docker);
        expect(typeof info.ServerVersion).toBe('string');
        const version = await engineVersion(docker);
        expect(version.apiVersion).toMatch(/^1\.\d+$/);
        expect(version.os).toBe('linux');
        expect(version.version).toBe(info.ServerVersion);
        const df = await diskUsage(docker);
        expect(df.images.count).toBeGreaterThanOrEqual(1);
        expect(df.images.sizeBytes).toBeGreaterThan(0);
      });

      // The engine refuses a second prune of a kind, or a second disk usage read, while one
      // runs (from any client) instead of queueing it: berth sends it again within its deadline.
      it('answers prunes and disk usage reads sent at once, though the engine runs one at a time', async () => {
        const { docker } = target;
        const nothing = { label: { 'berth.test.case': uniqueName('busy') } };
        for (let round = 0; round < 3; round++) {
          const pruned = await Promise.all([
            ...Array.from({ length: 6 }, () => pruneVolumes(docker, { filters: nothing })),
            ...Array.from({ length: 6 }, () => pruneContainers(docker, { filters: nothing })),
          ]);
          expect(pruned.map((p) => p.removed)).toEqual(Array.from({ length: 12 }, () => []));
          const reads = await Promise.all(Array.from({ length: 4 }, () => diskUsageDetail(docker)));
          for (const detail of reads) expect(detail.Images.length).toBeGreaterThan(0);
        }
      });

      it('streams events: sees a container start, ends on abort', async () => {
        const { docker, image } = target;
        const marker = uniqueName('ev');
        const controller = new AbortController();
        const seen: EngineEvent[] = [];
        const events = streamEvents(docker, {
          signal: controller.signal,
          // Replaying from a second ago means the stream sees the start even if it opens late.
          since: new Date(Date.now() - 1000),
          filters: { type: 'container', label: [`berth.test.case=${marker}`] },
        });
        const reading = (async () => {
          for await (const event of events) {
            seen.push(event);
            if (event.action === 'start') controller.abort();
          }
        })();
        const { id } = await runContainer(docker, {
          image,
          cmd: ['sleep', '300'],
          labels: testLabels({ 'berth.test.case': marker }),
        });
        await using _ = removeLater(docker, id);
        await reading;
        expect(seen.map((e) => e.action)).toEqual(['create', 'start']);
        expect(seen.every((e) => e.actorId === id && e.attributes['berth.test.case'] === marker)).toBe(true);
      });

      it('replays events between since and until, then ends by itself', async () => {
        const { docker, image } = target;
        const marker = uniqueName('ev');
        const since = new Date(Date.now() - 1000);
        const { id } = await createContainer(docker, {
          image,
          cmd: ['true'],
          labels: testLabels({ 'berth.test.case': marker }),
        });
        await using _ = removeLater(docker, id);
        const until = new Date(Date.now() + 1000);
        const actions: string[] = [];
        for await (const e of streamEvents(docker, {
          since,
          until,
          filters: { label: { 'berth.test.case': marker } },
        })) {
          actions.push(`${e.type}:${e.action}`);
        }
        expect(actions).toEqual(['container:create']);
      });

      it('prunes only what the label filter selects', async () => {
        const { docker, image } = target;
        const batch = uniqueName('prune');
        const labels = testLabels({ 'berth.test.batch': batch });
        const stopped = await createContainer(docker, { image, cmd: ['true'], labels });
        await using _stopped = removeLater(docker, stopped.id);
        const running = await runContainer(docker, { image, cmd: ['sleep', '300'], labels });
        await using _running = removeLater(docker, running.id);
        const net = uniqueName('net');
        await createNetwork(docker, { name: net, labels });
        try {
          const result = await systemPrune(docker, { filters: { label: { 'berth.test.batch': batch } } });
          expect(result.containers.removed).toEqual([stopped.id]);
          expect(result.networks.removed).toEqual([net]);
          expect(result.images.removed).toEqual([]);
          expect(result.volumes).toBeUndefined();
          const left = await listContainers(docker, { filters: { label: { 'berth.test.batch': batch } } });
          expect(left.items.map((c) => c.id)).toEqual([running.id]);
        } finally {
          for (const n of await listNetworks(docker, { filters: { name: net } }))
            await removeNetwork(docker, n.id);
        }
      });
    });

    it('reports an engine that is not there as UNREACHABLE', async () => {
      const docker = new Docker({ socketPath: '/nonexistent/docker.sock' });
      const error = await engineInfo(docker).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe('UNREACHABLE');
      expect((error as EngineError).message).toContain('ENOENT');
    });
  },
  { timeout: 300_000 },
);
