import {
  busyboxImage,
  dockerClient,
  engineSuite,
  ensureImage,
  startContainer,
  testLabels,
} from '@berth/testkit';
import { beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import { networkExists, testNetwork, testVolume, uniqueName, volumeExists } from './resources-fixtures.js';

type Rows = { rows: Record<string, unknown>[]; next?: string };

engineSuite('volumes and networks: read, create, connect, disconnect', () => {
  let image: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
  });

  it('lists and inspects volumes and networks, by name and by label', async () => {
    const mark = uniqueName('mark');
    await using volume = await testVolume({ 'berth.test.mark': mark });
    await using network = await testNetwork({ 'berth.test.mark': mark });
    await using client = await binClient();
    const list = async (kind: string, extra: Record<string, unknown>) =>
      (
        (await client.callTool({ name: 'read', arguments: { action: 'list', kind, ...extra } }))
          .structuredContent as Rows
      ).rows;
    expect(await list('volume', { name: volume.name })).toEqual([
      expect.objectContaining({ name: volume.name, driver: 'local' }),
    ]);
    expect((await list('network', { label: [`berth.test.mark=${mark}`] })).map((r) => r.name)).toEqual([
      network.name,
    ]);
    expect(await list('volume', { label: [`berth.test.mark=${mark}`], fields: ['name'] })).toEqual([
      { name: volume.name },
    ]);

    const vInfo = await client.callTool({
      name: 'read',
      arguments: { action: 'info', kind: 'volume', id: volume.name },
    });
    expect((vInfo.structuredContent as Rows).rows[0]).toMatchObject({
      name: volume.name,
      labels: expect.objectContaining({ 'berth.test.mark': mark }),
    });
    const nInfo = await client.callTool({
      name: 'read',
      arguments: { action: 'info', kind: 'network', id: network.name },
    });
    expect((nInfo.structuredContent as Rows).rows[0]).toMatchObject({
      name: network.name,
      driver: 'bridge',
      attached: [],
    });
  });

  it('read failures: unknown names get the closest ones, bad kinds and params one line', async () => {
    await using volume = await testVolume();
    await using client = await binClient();
    const kind = await client.callTool({ name: 'read', arguments: { action: 'list', kind: 'secrets' } });
    expect(textOf(kind)).toMatch(/^Invalid arguments: kind: /);
    const extra = await client.callTool({
      name: 'read',
      arguments: { action: 'list', kind: 'image', id: 'x' },
    });
    expect(textOf(extra)).toMatch(/^'id' does not apply to action list/);
    const state = await client.callTool({
      name: 'read',
      arguments: { action: 'list', kind: 'volume', state: 'running' },
    });
    expect(textOf(state)).toMatch(/state applies to kind container only, not volume/);

    // The host is named once, at the start.
    const typo = volume.name.slice(0, -1);
    const missing = await client.callTool({
      name: 'read',
      arguments: { action: 'info', kind: 'volume', id: typo },
    });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(new RegExp(`^local: no volume '${typo}'; did you mean .*${volume.name}`));
    const net = await client.callTool({
      name: 'read',
      arguments: { action: 'info', kind: 'network', id: 'berth-no-such-net' },
    });
    expect(textOf(net)).toMatch(/^local: no network 'berth-no-such-net'; /);
  });

  it("creates a volume and a network labelled berth.created (plus the caller's labels)", async () => {
    const vol = uniqueName('created');
    const net = uniqueName('created');
    await using client = await binClient();
    try {
      const v = await client.callTool({
        name: 'create',
        arguments: { action: 'volume', name: vol, labels: testLabels() },
      });
      expect(v.isError, textOf(v)).toBeFalsy();
      expect(v.structuredContent).toEqual({ rows: [{ name: vol }] });
      const n = await client.callTool({
        name: 'create',
        arguments: {
          action: 'network',
          name: net,
          labels: { ...testLabels(), 'berth.created': 'spoofed' },
        },
      });
      expect(n.isError, textOf(n)).toBeFalsy();
      expect(n.structuredContent).toEqual({
        rows: [{ name: net, id: expect.stringMatching(/^[0-9a-f]{12}$/) }],
      });
      const vLabels = (await dockerClient().getVolume(vol).inspect()).Labels ?? {};
      const nLabels = (await dockerClient().getNetwork(net).inspect()).Labels ?? {};
      for (const labels of [vLabels, nLabels]) {
        expect(Number.isNaN(Date.parse(labels['berth.created'] ?? ''))).toBe(false);
        expect(labels).toMatchObject(testLabels());
      }
      const again = await client.callTool({
        name: 'create',
        arguments: { action: 'network', name: net, labels: testLabels() },
      });
      expect(again.isError).toBe(true);
      expect(textOf(again)).toMatch(
        new RegExp(`^create network ${net}: network with name ${net} already exists`),
      );
      expect(textOf(again)).not.toContain('\n');
      const bad = await client.callTool({
        name: 'create',
        arguments: { action: 'volume', name: 'x;rm -rf /', labels: testLabels() },
      });
      expect(textOf(bad)).toMatch(/^Invalid arguments: name: /);
    } finally {
      await dockerClient()
        .getVolume(vol)
        .remove()
        .catch(() => {});
      await dockerClient()
        .getNetwork(net)
        .remove()
        .catch(() => {});
    }
    expect(await volumeExists(vol)).toBe(false);
    expect(await networkExists(net)).toBe(false);
  });

  it('connects and disconnects a container, naming whichever side is missing', async () => {
    await using network = await testNetwork();
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const connect = await client.callTool({
      name: 'create',
      arguments: { action: 'connect', container: web.name, network: network.name },
    });
    expect(connect.isError, textOf(connect)).toBeFalsy();
    expect(Object.keys((await web.container.inspect()).NetworkSettings.Networks)).toContain(network.name);

    const wrongNet = await client.callTool({
      name: 'create',
      arguments: { action: 'connect', container: web.name, network: `${network.name}x` },
    });
    expect(textOf(wrongNet)).toMatch(
      new RegExp(`^local: no network '${network.name}x'; did you mean ${network.name}\\?`),
    );
    const wrongContainer = await client.callTool({
      name: 'create',
      arguments: { action: 'connect', container: `${web.name}x`, network: network.name },
    });
    expect(textOf(wrongContainer)).toMatch(
      new RegExp(`^local: no container '${web.name}x'; did you mean ${web.name}`),
    );
    const info = await client.callTool({
      name: 'read',
      arguments: { action: 'info', kind: 'network', id: network.name },
    });
    expect((info.structuredContent as Rows).rows[0]?.attached).toEqual([
      expect.stringMatching(new RegExp(`^${web.name} \\d+\\.\\d+\\.\\d+\\.\\d+/\\d+$`)),
    ]);

    const wrongNetOut = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'disconnect', id: web.name, network: `${network.name}x` },
    });
    expect(textOf(wrongNetOut)).toMatch(
      new RegExp(`^local: no network '${network.name}x'; did you mean ${network.name}\\?`),
    );
    const wrongContainerOut = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'disconnect', id: `${web.name}x`, network: network.name },
    });
    expect(textOf(wrongContainerOut)).toMatch(
      new RegExp(`^local: no container '${web.name}x'; did you mean ${web.name}`),
    );
    expect(Object.keys((await web.container.inspect()).NetworkSettings.Networks)).toContain(network.name);

    const disconnect = await client.callTool({
      name: 'container_ops',
      arguments: { action: 'disconnect', id: web.name, network: network.name },
    });
    expect(disconnect.isError, textOf(disconnect)).toBeFalsy();
    expect(Object.keys((await web.container.inspect()).NetworkSettings.Networks)).not.toContain(network.name);
  });
});
