import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, startContainer } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { binClient, textOf } from './bin-client.js';
import { auditEntry, auditLines, containerExists, testVolume, uniqueName } from './resources-fixtures.js';

type Out = { rows: Record<string, unknown>[]; note?: string; confirm_token?: string };
const outOf = (result: { structuredContent?: unknown }) => result.structuredContent as Out;

const ERAS = [
  ['2025 initialize handshake', undefined],
  ['2026-07-28', 'auto'],
] as const;

const TOKEN = /^\d+\.[A-Za-z0-9_-]{43}$/;

engineSuite('data-losing actions: elicitation, or a plan-bound confirm_token, and the audit log', () => {
  let image: string;
  let dir: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-confirm-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const removeVolume = (name: string, extra: Record<string, unknown> = {}) => ({
    name: 'remove',
    arguments: { action: 'remove', kind: 'volume', id: name, ...extra },
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
      const result = await client.callTool(removeVolume(volume.name));
      expect(result.isError, textOf(result)).toBeFalsy();
      expect(outOf(result).rows).toEqual([
        { kind: 'volume', id: volume.name, name: volume.name, result: 'removed' },
      ]);
      expect(asked).toEqual([
        `remove on local loses data:\nkind | id | name\nvolume | ${volume.name} | ${volume.name}`,
      ]);
      expect(await volume.exists()).toBe(false);
      const target = `volume ${volume.name}`;
      expect(await auditLines(audit)).toEqual([
        auditEntry('remove', 'remove', target, 'asked'),
        auditEntry('remove', 'remove', target, 'started'),
        auditEntry('remove', 'remove', target, 'ok'),
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
      const result = await client.callTool(removeVolume(volume.name));
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/^The user declined remove on local; nothing changed/);
      expect(textOf(result)).not.toContain('\n');
      expect(await volume.exists()).toBe(true);
      const target = `volume ${volume.name}`;
      expect(await auditLines(audit)).toEqual([
        auditEntry('remove', 'remove', target, 'asked'),
        auditEntry('remove', 'remove', target, 'declined'),
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
    expect(textOf(result)).toMatch(/^The user declined prune on local/);
    expect(await volume.exists()).toBe(true);
  });

  it.each(ERAS)(
    '%s: where the user can be asked, no token stands in for the answer',
    async (_era, negotiation) => {
      await using volume = await testVolume();
      const asked: string[] = [];
      await using client = await binClient({
        ...(negotiation ? { negotiation } : {}),
        elicit: (message) => {
          asked.push(message);
          return { action: 'decline' };
        },
      });
      // A dry run hands out no token to a client that can ask its user.
      const dry = await client.callTool(removeVolume(volume.name, { dry_run: true }));
      expect(asked).toEqual([]);
      expect(outOf(dry).confirm_token).toBeUndefined();
      // The user is asked, and declines; a token the agent brings is not an answer either:
      // the user is asked again, and declines again.
      const declined = await client.callTool(removeVolume(volume.name));
      expect(declined.isError).toBe(true);
      const forged = `${Math.floor(Date.now() / 1000) + 60}.${'A'.repeat(43)}`;
      const retried = await client.callTool(removeVolume(volume.name, { confirm_token: forged }));
      expect(retried.isError).toBe(true);
      expect(await volume.exists(), `removed after the user declined:\n${textOf(retried)}`).toBe(true);
      expect(asked).toHaveLength(2);
    },
  );

  it('dry_run never asks: it returns the plan, no token where the user can be asked, and is audited as a dry run', async () => {
    await using volume = await testVolume();
    const audit = join(dir, 'dry.jsonl');
    const asked: string[] = [];
    await using client = await binClient({
      args: ['--audit-log', audit],
      elicit: (message) => {
        asked.push(message);
        return { action: 'accept', content: { confirm: true } };
      },
    });
    const result = await client.callTool(removeVolume(volume.name, { dry_run: true }));
    expect(result.structuredContent).toEqual({
      rows: [{ kind: 'volume', id: volume.name, name: volume.name }],
      note: 'Dry run: nothing was changed.',
    });
    expect(asked).toEqual([]);
    expect(await volume.exists()).toBe(true);
    expect(await auditLines(audit)).toEqual([
      auditEntry('remove', 'remove', `volume ${volume.name}`, 'dry-run'),
    ]);
  });

  it('without elicitation: the first call changes nothing and plans, the same call with its token does it', async () => {
    await using volume = await testVolume();
    const audit = join(dir, 'token.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    const planned = await client.callTool(removeVolume(volume.name));
    expect(planned.isError).toBeFalsy();
    const plan = outOf(planned);
    expect(plan.rows).toEqual([{ kind: 'volume', id: volume.name, name: volume.name }]);
    expect(plan.note).toMatch(/^Nothing was changed yet: this loses data\./);
    expect(plan.confirm_token).toMatch(TOKEN);
    expect(await volume.exists()).toBe(true);

    // The token is bound to the arguments: it does not remove another volume.
    await using other = await testVolume();
    const elsewhere = await client.callTool(removeVolume(other.name, { confirm_token: plan.confirm_token }));
    expect(elsewhere.isError).toBe(true);
    expect(textOf(elsewhere)).toMatch(/^the plan changed since the confirm_token was issued/);
    expect(await other.exists()).toBe(true);

    const done = await client.callTool(removeVolume(volume.name, { confirm_token: plan.confirm_token }));
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(outOf(done)).toEqual({
      rows: [{ kind: 'volume', id: volume.name, name: volume.name, result: 'removed' }],
    });
    expect(await volume.exists()).toBe(false);
    expect(await auditLines(audit)).toEqual([
      auditEntry('remove', 'remove', `volume ${volume.name}`, 'planned'),
      auditEntry('remove', 'remove', `volume ${other.name}`, 'refused:PLAN_CHANGED'),
      auditEntry('remove', 'remove', `volume ${volume.name}`, 'started'),
      auditEntry('remove', 'remove', `volume ${volume.name}`, 'ok'),
    ]);
  });

  it('a token for a plan that changed is refused and nothing is removed; the new plan needs its own token', async () => {
    const mark = uniqueName('changed');
    const labels = { 'berth.test.mark': mark };
    const label = [`berth.test.mark=${mark}`];
    const stopped = async () => {
      const c = await startContainer({ image, cmd: ['true'], labels });
      await c.container.wait();
      return c;
    };
    await using first = await stopped();
    await using second = await stopped();
    const audit = join(dir, 'changed.jsonl');
    await using client = await binClient({ args: ['--audit-log', audit] });
    const prune = (extra: Record<string, unknown> = {}) =>
      client.callTool({ name: 'remove', arguments: { action: 'prune', kind: 'container', label, ...extra } });
    const plan = outOf(await prune());
    const planned = (o: Out) =>
      o.rows
        .filter((r) => r.kind === 'container')
        .map((r) => r.name)
        .sort();
    expect(planned(plan)).toEqual([first.name, second.name].sort());
    expect(plan.rows.at(-1)).toMatchObject({ kind: 'total', count: 2 });

    // A container stops between the plan and the confirmation: the token no longer fits.
    await using late = await stopped();
    const refused = await prune({ confirm_token: plan.confirm_token });
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(
      /^the plan changed since the confirm_token was issued .*; nothing was done \(3 now: /,
    );
    for (const c of [first, second, late]) expect(await containerExists(c.id)).toBe(true);

    const again = outOf(await prune());
    expect(planned(again)).toEqual([first.name, second.name, late.name].sort());
    const done = await prune({ confirm_token: again.confirm_token });
    expect(done.isError, textOf(done)).toBeFalsy();
    expect(outOf(done).rows.at(-1)).toMatchObject({ kind: 'total', result: 'removed', count: 3 });
    for (const c of [first, second, late]) expect(await containerExists(c.id)).toBe(false);
    const target = `containers label=berth.test.mark=${mark}`;
    expect(await auditLines(audit)).toEqual([
      auditEntry('remove', 'prune', target, 'planned'),
      auditEntry('remove', 'prune', target, 'refused:PLAN_CHANGED'),
      auditEntry('remove', 'prune', target, 'planned'),
      auditEntry('remove', 'prune', target, 'started'),
      auditEntry('remove', 'prune', target, 'ok'),
    ]);
  });

  it('a token from another server process is refused: it is bound to the process that planned', async () => {
    await using volume = await testVolume();
    let token: string | undefined;
    {
      await using planner = await binClient();
      token = outOf(await planner.callTool(removeVolume(volume.name))).confirm_token;
    }
    await using client = await binClient();
    const result = await client.callTool(removeVolume(volume.name, { confirm_token: token }));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^the plan changed since the confirm_token was issued/);
    expect(await volume.exists()).toBe(true);
  });

  it('--no-confirm, or a profile with confirm: false, removes at once, and it is still audited', async () => {
    await using volume = await testVolume();
    const audit = join(dir, 'no-confirm.jsonl');
    const asked: string[] = [];
    await using client = await binClient({
      args: ['--no-confirm', '--audit-log', audit],
      elicit: (message) => {
        asked.push(message);
        return { action: 'decline' };
      },
    });
    const result = await client.callTool(removeVolume(volume.name));
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(outOf(result).confirm_token).toBeUndefined();
    expect(asked).toEqual([]);
    expect(await volume.exists()).toBe(false);
    // Dry runs still only plan.
    await using kept = await testVolume();
    const dry = await client.callTool(removeVolume(kept.name, { dry_run: true }));
    expect(outOf(dry).note).toMatch(/^Dry run: nothing was changed\./);
    expect(await kept.exists()).toBe(true);
    expect(await auditLines(audit)).toEqual([
      auditEntry('remove', 'remove', `volume ${volume.name}`, 'started'),
      auditEntry('remove', 'remove', `volume ${volume.name}`, 'ok'),
      auditEntry('remove', 'remove', `volume ${kept.name}`, 'dry-run'),
    ]);

    const config = join(dir, 'no-confirm.yaml');
    await writeFile(config, 'profiles:\n  local:\n    type: local\n    confirm: false\n');
    const profileAudit = join(dir, 'profile.jsonl');
    await using byProfile = await binClient({ args: ['--config', config, '--audit-log', profileAudit] });
    const hosts = await byProfile.callTool({ name: 'read', arguments: { action: 'hosts' } });
    expect(outOf(hosts).rows).toEqual([expect.objectContaining({ host: 'local', confirm: false })]);
    const gone = await byProfile.callTool(removeVolume(kept.name));
    expect(gone.isError, textOf(gone)).toBeFalsy();
    expect(await kept.exists()).toBe(false);
    expect((await auditLines(profileAudit)).map((l) => l.outcome)).toEqual(['started', 'ok']);
  });

  it('a removal the engine refuses is audited as an error after started', async () => {
    await using running = await startContainer({ image, cmd: ['sleep', '300'] });
    const audit = join(dir, 'refused.jsonl');
    await using client = await binClient({ args: ['--no-confirm', '--audit-log', audit] });
    const result = await client.callTool({
      name: 'remove',
      arguments: { action: 'remove', kind: 'container', id: running.name },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).not.toContain('\n');
    expect(await containerExists(running.id)).toBe(true);
    const outcomes = (await auditLines(audit)).map((l) => l.outcome);
    expect(outcomes).toEqual(['started', expect.stringMatching(/^error:[A-Z_]+$/)]);
  });
});
