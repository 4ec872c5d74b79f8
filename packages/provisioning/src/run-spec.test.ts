import { createBody } from '@berth/engine';
import { describe, expect, it } from 'vitest';
import { CatalogServer, type CatalogServerInput } from './catalog-schema.js';
import type { GatewayOwner } from './gateway-labels.js';
import { buildRunSpec, parseMemory } from './run-spec.js';

const owner: GatewayOwner = { gatewayId: 'gw1', host: 'box', bootId: 'boot-1', pid: 42, startTime: '777' };
const SECRET = 'ghp_secretvalue123';

function build(input: CatalogServerInput, network = 'none') {
  return buildRunSpec({
    server: 'gh',
    entry: CatalogServer.parse(input),
    owner,
    session: 's1',
    instanceId: 'abcd',
    secrets: new Map([['github', SECRET]]),
    network,
  });
}

describe('buildRunSpec', () => {
  it('golden: the docker run line of a locked-down server', () => {
    const { argv } = build({
      image: 'example/gh:1.2',
      command: ['serve', '--repo', '{{config.repo}}'],
      env: { MODE: 'ro' },
      secrets: { github: 'GITHUB_TOKEN' },
      volumes: ['/srv/data:/data', 'cache:/cache:rw'],
      user: '1000:1000',
      cpus: 0.5,
      memory: '256m',
      config: { repo: 'octo/hello' },
    });
    expect(argv).toEqual([
      'docker',
      'run',
      '--rm',
      '-i',
      '--init',
      '--security-opt',
      'no-new-privileges',
      '--cap-drop',
      'ALL',
      '--read-only',
      '--cpus',
      '0.5',
      '--memory',
      '256m',
      '--pull',
      'never',
      '--network',
      'none',
      '--name',
      'berth-mcp-gh-abcd',
      '--user',
      '1000:1000',
      '--label',
      'berth.gateway=gw1',
      '--label',
      'berth.gateway.boot=boot-1',
      '--label',
      'berth.gateway.host=box',
      '--label',
      'berth.gateway.pid=42',
      '--label',
      'berth.gateway.start=777',
      '--label',
      'berth.server=gh',
      '--label',
      'berth.session=s1',
      '-e',
      'MODE=ro',
      '-e',
      'GITHUB_TOKEN',
      '--mount',
      'type=bind,src=/srv/data,dst=/data,readonly',
      '--mount',
      'type=volume,src=cache,dst=/cache',
      '--mount',
      'type=tmpfs,dst=/tmp',
      'example/gh:1.2',
      'serve',
      '--repo',
      'octo/hello',
    ]);
    expect(argv.join(' ')).not.toContain(SECRET);
  });

  it('golden: the engine create body carries the same settings, the secret only in Env', () => {
    const { spec } = build(
      { image: 'example/gh:1.2', secrets: { github: 'GITHUB_TOKEN' }, readOnlyRootfs: false },
      'berth-egress-x',
    );
    const body = createBody(spec) as {
      Env: string[];
      Cmd?: string[];
      HostConfig: Record<string, unknown>;
      OpenStdin: boolean;
      StdinOnce: boolean;
    };
    expect(body.Env).toEqual([`GITHUB_TOKEN=${SECRET}`]);
    expect(body.Cmd).toBeUndefined();
    expect(body.OpenStdin).toBe(true);
    expect(body.StdinOnce).toBe(true);
    expect(body.HostConfig).toMatchObject({
      Init: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      AutoRemove: true,
      NetworkMode: 'berth-egress-x',
      Memory: 512 * 1024 * 1024,
      NanoCpus: 1e9,
      Mounts: [],
    });
    expect(body.HostConfig.ReadonlyRootfs).toBeUndefined();
  });

  it('refuses a template value that would turn into a flag, and a template with no value', () => {
    expect(() => build({ image: 'a/b', command: ['{{config.x}}'], config: { x: '--privileged' } })).toThrow(
      /starts with "-"/,
    );
    expect(() =>
      build({ image: 'a/b', command: ['--flag={{config.x}}'], config: { x: 'ok' } }),
    ).not.toThrow();
    expect(() => build({ image: 'a/b', command: ['{{config.missing}}'] })).toThrow(/has no value/);
    expect(() => build({ image: 'a/b', command: ['{{secrets.github}}'] })).toThrow(/not allowed here/);
    expect(() => build({ image: 'a/b', env: { A: '{{config.x}}' }, config: { x: 'line\nbreak' } })).toThrow(
      /control character/,
    );
  });

  it('refuses a flag-like user or network, and a server whose secret has no value', () => {
    expect(() => build({ image: 'a/b' }, '--network=host')).toThrow(/starts with "-"/);
    expect(() => build({ image: '-a/b' })).toThrow(/starts with "-"/);
    expect(() => build({ image: 'a/b', secrets: { other: 'OTHER' } })).toThrow(/secrets.other: no value/);
  });

  it('reads memory sizes', () => {
    expect(parseMemory('1g')).toBe(1024 ** 3);
    expect(parseMemory('64k')).toBe(64 * 1024);
    expect(() => parseMemory('lots')).toThrow(/not a size/);
  });
});
