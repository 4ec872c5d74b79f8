import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MountSpec } from '@berth/engine';
import { resolveRealPath } from '@berth/security';
import { afterAll, describe, expect, it } from 'vitest';
import type { HostCall } from '../framework/host-call.js';
import { bindRisks, networkRisk } from './host-access-risks.js';
import type { HostPaths } from './host-paths.js';

const bind = (source: string): MountSpec => ({ type: 'bind', source, target: '/x', readOnly: false });
const base = mkdtempSync(join(tmpdir(), 'berth-risks-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const root = join(base, 'root');
mkdirSync(join(root, 'data'), { recursive: true });
symlinkSync('/etc', join(root, 'escape'));
symlinkSync(join(root, 'data'), join(root, 'alias'));

const local: HostPaths = {
  resolve: (paths) => Promise.all(paths.map((p) => resolveRealPath(p))),
  sockets: ['/var/run/docker.sock'],
  followsLinks: true,
};
const lexical: HostPaths = {
  resolve: async (paths) => paths,
  sockets: ['/var/run/docker.sock'],
  followsLinks: false,
};

describe('bindRisks', () => {
  it('a bind inside a root takes nothing, and the engine gets the path as resolved', async () => {
    const check = await bindRisks(
      [bind(join(root, 'alias')), { type: 'volume', source: 'v', target: '/v' }],
      [root],
      local,
    );
    expect(check.risks).toEqual([]);
    expect(check.mounts[0]?.source).toBe(join(root, 'data'));
    expect(check.mounts[1]).toEqual({ type: 'volume', source: 'v', target: '/v' });
  });

  it('outside every root, through a link that leads out, or with no roots at all: a risk each', async () => {
    const check = await bindRisks([bind('/'), bind(join(root, 'escape'))], [root], local);
    expect(check.risks.map((r) => r.target)).toEqual(['bind /', 'docker socket /', 'bind /etc']);
    expect(check.risks[2]?.note).toMatch(/^resolves to \/etc, outside bindRoots/);
    expect((await bindRisks([bind(join(root, 'data'))], [], local)).risks).toHaveLength(1);
  });

  it('the Docker socket is a risk inside a root too, by path, by name or as the folder holding it', async () => {
    for (const source of ['/var/run/docker.sock', '/srv/other/docker.sock', '/var/run']) {
      const check = await bindRisks([bind(source)], ['/'], lexical);
      expect(
        check.risks.map((r) => r.target),
        source,
      ).toEqual([`docker socket ${source}`]);
    }
  });

  it('a remote path compares as written, and is passed on as written', async () => {
    const check = await bindRisks([bind('/srv/app'), bind('/srvx')], ['/srv'], lexical);
    expect(check.risks.map((r) => r.target)).toEqual(['bind /srvx']);
    expect(check.mounts.map((m) => m.source)).toEqual(['/srv/app', '/srvx']);
  });

  it('a path nobody can resolve is a risk', async () => {
    const none: HostPaths = { ...lexical, resolve: async (paths) => paths.map(() => undefined) };
    const check = await bindRisks([bind('/srv/app')], ['/srv'], none);
    expect(check.risks.map((r) => r.brief)).toEqual(['bind /srv/app (unresolvable)']);
  });
});

describe('networkRisk', () => {
  const callWith = (driver: string) =>
    ({
      engine: async () => ({ networks: { inspect: async () => ({ Driver: driver }) } }),
    }) as unknown as HostCall;

  it("host, a network whose driver is host, and another container's namespace are risks", async () => {
    expect((await networkRisk('host', callWith('bridge')))?.target).toBe('network host');
    expect((await networkRisk('4f1e2d3c4b5a', callWith('host')))?.target).toBe('network host');
    expect((await networkRisk('container:web', callWith('bridge')))?.target).toBe('network container:web');
  });

  it('bridge networks and no network take nothing', async () => {
    expect(await networkRisk(undefined, callWith('host'))).toBeUndefined();
    expect(await networkRisk('bridge', callWith('host'))).toBeUndefined();
    expect(await networkRisk('appnet', callWith('bridge'))).toBeUndefined();
  });
});
