import { describe, expect, it } from 'vitest';
import { COMPOSE_LABELS, composeLabelsOf } from './compose-labels.js';
import { type ContainerRow, serviceContainers, stacksFromContainers } from './remote-stacks.js';

function row(id: string, name: string, labels: Record<string, string>, state = 'running'): ContainerRow {
  return { id, name, labels, state };
}

const compose = (project: string, service: string, extra: Record<string, string> = {}) => ({
  [COMPOSE_LABELS.project]: project,
  [COMPOSE_LABELS.service]: service,
  ...extra,
});

const rows: ContainerRow[] = [
  row(
    '1',
    'shop-web-1',
    compose('shop', 'web', {
      [COMPOSE_LABELS.workingDir]: '/srv/shop',
      [COMPOSE_LABELS.configFiles]: '/srv/shop/compose.yaml,/srv/shop/compose.override.yaml',
      [COMPOSE_LABELS.containerNumber]: '1',
    }),
  ),
  row('2', 'shop-web-2', compose('shop', 'web', { [COMPOSE_LABELS.containerNumber]: '2' }), 'exited'),
  row('3', 'shop-db-1', compose('shop', 'db', { [COMPOSE_LABELS.containerNumber]: '1' })),
  row('4', 'shop-web-run-abc', compose('shop', 'web', { [COMPOSE_LABELS.oneoff]: 'True' })),
  // Another project with a service of the same name, and a container named like the project.
  row('5', 'shop2-web-1', compose('shop2', 'web')),
  row('6', 'shop-db', {}),
  row('7', 'shop_web_1', { [COMPOSE_LABELS.project]: 'shop' }),
];

describe('stacksFromContainers', () => {
  it('groups containers by their compose labels only', () => {
    const stacks = stacksFromContainers(rows);
    expect(stacks.map((s) => [s.project, s.services, s.containers.map((c) => c.id)])).toEqual([
      ['shop', ['db', 'web'], ['3', '1', '2', '4']],
      ['shop2', ['web'], ['5']],
    ]);
    expect(stacks[0]).toMatchObject({
      workingDir: '/srv/shop',
      configFiles: ['/srv/shop/compose.yaml', '/srv/shop/compose.override.yaml'],
      via: ['containers'],
    });
    expect(stacks[0]?.containers.find((c) => c.id === '4')?.oneoff).toBe(true);
  });
});

describe('serviceContainers', () => {
  it("maps a project's containers to services, never another project's, never by name", () => {
    const byService = serviceContainers('shop', rows);
    expect(Object.fromEntries([...byService].map(([s, cs]) => [s, cs.map((c) => c.id)]))).toEqual({
      web: ['1', '2'],
      db: ['3'],
    });
    expect(
      serviceContainers('shop', rows, { oneoff: true })
        .get('web')
        ?.map((c) => c.id),
    ).toEqual(['1', '2', '4']);
  });

  it('returns nothing for a project without containers, rather than a look-alike', () => {
    expect(serviceContainers('sho', rows).size).toBe(0);
    expect(serviceContainers('shop-web', rows).size).toBe(0);
  });
});

describe('composeLabelsOf', () => {
  it("reads Compose v1's relative config file names against the working directory", () => {
    const labels = composeLabelsOf({
      ...compose('p', 's'),
      [COMPOSE_LABELS.workingDir]: '/srv/p',
      [COMPOSE_LABELS.configFiles]: 'compose.yaml,/abs/extra.yaml',
    });
    expect(labels?.configFiles).toEqual(['/srv/p/compose.yaml', '/abs/extra.yaml']);
  });
});
