import { type ClientPool, createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { bindEngine, type HostEngine } from '@berth/engine';
import { busyboxImage, engineSuite, ensureImage, runCommand, testLabels, testRunId } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type FixtureTree, fixtureTree } from './fixture-tree.test-support.js';
import { hostFileSource } from './host-file-source.js';
import { hostStacks } from './host-stacks.js';
import { loadComposeProject } from './load-compose-project.js';
import { serviceContainers } from './remote-stacks.js';

/*
 * A host's stacks on the real engine: projects brought up by the real `docker-compose`
 * (so the labels are the ones compose writes), read back through a HostEngine: container
 * listing for the labels, `run(argv)` for the profile's compose paths and the files.
 */
engineSuite('hostStacks on a real engine', () => {
  const suffix = testRunId()
    .replace(/[^a-z0-9]/g, '')
    .slice(-10);
  const shop = `shop${suffix}`;
  const lookalike = `${shop}x`;
  let tree: FixtureTree;
  let pool: ClientPool;
  let engine: HostEngine;
  const compose = (project: string, ...args: string[]) =>
    runCommand(['docker-compose', '-p', project, ...args], { cwd: tree.path(shop), timeoutMs: 120_000 });

  beforeAll(async () => {
    const { tag } = await ensureImage(busyboxImage);
    const file = (extra: object) =>
      stringify({
        services: { web: { image: tag, command: ['sleep', '300'], labels: testLabels(), ...extra } },
        networks: { default: { labels: testLabels() } },
      });
    tree = fixtureTree({
      [`${shop}/compose.yaml`]: file({}),
      [`${shop}/compose.override.yaml`]: stringify({ services: { web: { environment: { ROLE: 'web' } } } }),
      // A project under the compose path that never ran.
      'idle/docker-compose.yml': file({}),
      'not-a-project/readme.txt': 'no compose file here',
    });
    pool = createClientPool({ config: BerthConfig.parse({ profiles: { local: { type: 'local' } } }) });
    engine = bindEngine(await pool.acquire('local'), { signal: new AbortController().signal });
    await compose(shop, 'up', '-d');
    // The same service name in another project, from the same files.
    await compose(lookalike, 'up', '-d');
  });

  afterAll(async () => {
    for (const project of [shop, lookalike])
      await compose(project, 'down', '-v', '--timeout', '1').catch(() => {});
    await pool?.dispose();
    tree?.[Symbol.dispose]();
  });

  it('finds stacks by labels and by compose paths, and maps containers by labels only', async () => {
    const stacks = await hostStacks(engine, { composePaths: [tree.root] });
    const mine = stacks.filter((s) => s.workingDir?.startsWith(tree.root));
    expect(mine.map((s) => [s.project, s.via, s.services])).toEqual([
      ['idle', ['compose-path'], []],
      [shop, ['containers', 'compose-path'], ['web']],
      [lookalike, ['containers'], ['web']],
    ]);
    const shopStack = mine[1];
    expect(shopStack?.configFiles).toEqual([
      tree.path(shop, 'compose.yaml'),
      tree.path(shop, 'compose.override.yaml'),
    ]);
    expect(shopStack?.containers).toEqual([
      expect.objectContaining({ service: 'web', number: 1, oneoff: false, state: 'running' }),
    ]);
    expect(mine[0]?.configFiles).toEqual([tree.path('idle/docker-compose.yml')]);

    const rows = (await engine.containers.list({ filters: { label: ['com.docker.compose.project'] } })).items;
    const web = serviceContainers(shop, rows).get('web') ?? [];
    expect(web.map((c) => c.id)).toEqual(shopStack?.containers.map((c) => c.id));
    expect(web.map((c) => c.id)).not.toContain(mine[2]?.containers[0]?.id);
  });

  it("reads a project through the host's run(argv) exactly as from the local disk", async () => {
    const env = { HOME: '/root' };
    const local = await loadComposeProject({ cwd: tree.path(shop), env });
    const remote = await loadComposeProject({ cwd: tree.path(shop), env, source: hostFileSource(engine) });
    expect(remote).toEqual(local);
    expect(remote.services[0]?.environment).toEqual({ ROLE: 'web' });
    await expect(
      loadComposeProject({ cwd: tree.path('not-a-project'), env, source: hostFileSource(engine) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
