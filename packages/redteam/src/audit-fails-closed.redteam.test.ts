import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerClient, engineSuite, testLabels, testRunId } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { attackClient } from './bin.test-support.js';

let counter = 0;
const volumeName = () => `berth-rt-audit-${testRunId()}-${++counter}`;

async function volumeExists(name: string): Promise<boolean> {
  return dockerClient()
    .getVolume(name)
    .inspect()
    .then(
      () => true,
      () => false,
    );
}

/**
 * The audit log fails closed: a mutating call whose line cannot be written is refused
 * before it acts, and refused, invalid and dry-run calls leave a line too. (Before, an
 * unwritable path gave a stderr warning and the action ran; a path under /proc made the
 * call hang after the deletion had happened.)
 */
engineSuite('red team: the audit log', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-rt-audit-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const create = (client: Awaited<ReturnType<typeof attackClient>>, name: string) =>
    client.call('create', { action: 'volume', name, labels: testLabels() });

  it.each([
    ['a path below a regular file', () => join(dir, 'a-file', 'audit.jsonl')],
    ['a /proc entry', () => '/proc/self/status'],
    ['a device', () => '/dev/null'],
  ])('%s: a mutating call is refused and changes nothing', async (_what, path) => {
    await writeFile(join(dir, 'a-file'), '');
    await using client = await attackClient({ args: ['--audit-log', path()], env: { HOME: dir } });
    const name = volumeName();
    const answer = await create(client, name);
    expect(answer.isError).toBe(true);
    expect(answer.text).toMatch(/audit log .* cannot be written.*was not run/);
    expect(await volumeExists(name)).toBe(false);
    // Reads do not write the log, so they keep working.
    expect((await client.call('read', { action: 'version' })).isError).toBe(false);
  });

  it('refused, invalid and dry-run calls are audited, with the caller', async () => {
    const audit = join(dir, 'attempts.jsonl');
    await using client = await attackClient({ args: ['--audit-log', audit], env: { HOME: dir } });
    const name = volumeName();
    await dockerClient().createVolume({ Name: name, Labels: testLabels() });
    try {
      expect(
        (await client.call('remove', { action: 'remove', kind: 'volume', id: name, force: 'yes' })).isError,
      ).toBe(true);
      expect(
        (await client.call('create', { action: 'volume', name: 'x', host: 'no-such-host' })).isError,
      ).toBe(true);
      expect(
        (await client.call('remove', { action: 'remove', kind: 'volume', id: name, dry_run: true })).isError,
      ).toBe(false);
      const planned = await client.call('remove', { action: 'remove', kind: 'volume', id: name });
      expect(planned.isError).toBe(false);
      expect(await volumeExists(name)).toBe(true);
      const lines = (await readFile(audit, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string>);
      expect(lines.map((l) => `${l.tool} ${l.action} ${l.outcome}`)).toEqual([
        'remove remove refused:INVALID',
        'create volume refused:UNKNOWN_HOST',
        'remove remove dry-run',
        'remove remove planned',
      ]);
      for (const line of lines) expect(line).toMatchObject({ via: 'mcp', caller: 'berth-redteam' });
    } finally {
      await dockerClient()
        .getVolume(name)
        .remove()
        .catch(() => {});
    }
  });
});
