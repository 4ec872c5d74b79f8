import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engineSuite } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import { auditLines, testVolume, uniqueName } from './resources-fixtures.js';

const ERAS = [
  ['2025 initialize handshake', undefined],
  ['2026-07-28', 'auto'],
] as const;

engineSuite('destructive tools ask for confirmation through elicitation', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-confirm-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(ERAS)(
    '%s: accepting removes, after showing the plan; both are audited',
    async (_era, negotiation) => {
      await using volume = await testVolume();
      const audit = join(dir, `accept-${negotiation ?? '2025'}.jsonl`);
      const asked: string[] = [];
      await using client = await binClient({
        args: ['--audit-log', audit],
        ...(negotiation ? { negotiation } : {}),
        elicit: (message) => {
          asked.push(message);
          return { action: 'accept', content: { confirm: true } };
        },
      });
      if (negotiation) expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      const result = await client.callTool({
        name: 'remove',
        arguments: { action: 'remove', kind: 'volume', id: volume.name },
      });
      expect(result.isError).toBeFalsy();
      expect(asked).toHaveLength(1);
      expect(asked[0]).toContain('Confirm on host local');
      expect(asked[0]).toContain(volume.name);
      expect(await volume.exists()).toBe(false);
      expect(await auditLines(audit)).toEqual([
        { host: 'local', tool: 'remove', action: 'remove', target: `volume ${volume.name}`, outcome: 'ok' },
      ]);
    },
  );

  it.each(ERAS)(
    '%s: declining removes nothing, says so in one line, and is audited',
    async (_era, negotiation) => {
      await using volume = await testVolume();
      const audit = join(dir, `decline-${negotiation ?? '2025'}.jsonl`);
      await using client = await binClient({
        args: ['--audit-log', audit],
        ...(negotiation ? { negotiation } : {}),
        elicit: () => ({ action: 'decline' }),
      });
      const result = await client.callTool({
        name: 'remove',
        arguments: { action: 'remove', kind: 'volume', id: volume.name },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toBe(`The user declined remove volume ${volume.name} on local; nothing changed`);
      expect(await volume.exists()).toBe(true);
      expect(await auditLines(audit)).toEqual([
        {
          host: 'local',
          tool: 'remove',
          action: 'remove',
          target: `volume ${volume.name}`,
          outcome: 'declined',
        },
      ]);
    },
  );

  it.each(ERAS)('%s: answering confirm:false is a decline too', async (_era, negotiation) => {
    const mark = uniqueName('mark');
    await using volume = await testVolume({ 'berth.test.mark': mark });
    await using client = await binClient({
      ...(negotiation ? { negotiation } : {}),
      elicit: () => ({ action: 'accept', content: { confirm: false } }),
    });
    const result = await client.callTool({
      name: 'remove',
      arguments: { action: 'prune', kind: 'volume', label: [`berth.test.mark=${mark}`] },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^The user declined prune/);
    expect(await volume.exists()).toBe(true);
  });

  it('dry_run never asks: it returns the plan', async () => {
    await using volume = await testVolume();
    const asked: string[] = [];
    await using client = await binClient({
      elicit: (message) => {
        asked.push(message);
        return { action: 'accept', content: { confirm: true } };
      },
    });
    const result = await client.callTool({
      name: 'remove',
      arguments: { action: 'remove', kind: 'volume', id: volume.name, dry_run: true },
    });
    expect(result.structuredContent).toMatchObject({
      rows: [{ remove: 'volume', name: volume.name }],
      note: 'Dry run: nothing was changed.',
    });
    expect(asked).toEqual([]);
    expect(await volume.exists()).toBe(true);
  });
});
