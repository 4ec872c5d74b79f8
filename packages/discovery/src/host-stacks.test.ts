import { BerthError } from '@berth/errors';
import { describe, expect, it } from 'vitest';
import { COMPOSE_LABELS } from './compose-labels.js';
import { hostStacks, type StackHost } from './host-stacks.js';

const rows = [
  {
    id: '1',
    name: 'shop-web-1',
    state: 'running',
    labels: { [COMPOSE_LABELS.project]: 'shop', [COMPOSE_LABELS.service]: 'web' },
  },
];

function host(run: StackHost['run']): StackHost {
  return { run, containers: { list: async () => ({ items: rows, total: rows.length }) } };
}

describe('hostStacks', () => {
  it('still lists stacks by labels on a host that runs no commands (a tcp profile)', async () => {
    const tcp = host(async () => {
      throw new BerthError('UNSUPPORTED', 'tcp profiles cannot run commands');
    });
    const stacks = await hostStacks(tcp, { composePaths: ['/srv/stacks'] });
    expect(stacks.map((s) => [s.project, s.via])).toEqual([['shop', ['containers']]]);
  });

  it('fails on any other failure to read the compose paths', async () => {
    const broken = host(async () => ({
      exitCode: 1,
      stdout: '',
      stderr: 'ls: Permission denied',
      truncated: false,
    }));
    await expect(hostStacks(broken, { composePaths: ['/srv/stacks'] })).rejects.toMatchObject({
      code: 'READ_FAILED',
      message: expect.stringContaining('Permission denied'),
    });
  });
});
