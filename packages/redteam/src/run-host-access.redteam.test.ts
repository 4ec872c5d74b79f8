import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, dockerClient, engineSuite, ensureImage, testLabels } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackClient, attackClient } from './bin.test-support.js';

type Out = { rows?: Record<string, unknown>[]; confirm_token?: string };

/**
 * `create run` can hand the host to the agent: a bind of `/`, the Docker socket, the host's
 * network. Those need a confirmation on a profile that allows host access at all, and are
 * refused on one that does not; binds inside the profile's bindRoots run unasked, and a
 * symlink inside a root that leads out of it counts as outside.
 */
engineSuite('run: a container cannot take the host without a confirmation the profile allows', () => {
  let image: string;
  let dir: string;
  let root: string;
  let config: string;
  const made: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
    dir = await mkdtemp(join(tmpdir(), 'berth-run-risk-'));
    await chmod(dir, 0o755);
    root = join(dir, 'root');
    await mkdir(join(root, 'data'), { recursive: true });
    await writeFile(join(root, 'data', 'hello.txt'), 'inside the root\n');
    await symlink('/etc', join(root, 'escape'));
    await symlink('/var/run/docker.sock', join(root, 'sock'));
    config = join(dir, 'berth.yaml');
    await writeFile(
      config,
      [
        'defaultProfile: open',
        'profiles:',
        '  open:',
        '    type: local',
        '    allowHostAccess: true',
        `    bindRoots: [${root}]`,
        '  locked:',
        '    type: local',
        `    bindRoots: [${root}]`,
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    for (const name of made) {
      await dockerClient()
        .getContainer(name)
        .remove({ force: true, v: true })
        .catch(() => {});
    }
    await rm(dir, { recursive: true, force: true });
  });

  const start = () =>
    attackClient({
      args: ['--config', config, '--audit-log', join(dir, 'audit.jsonl')],
      env: { HOME: dir, XDG_STATE_HOME: join(dir, 'state') },
    });

  const exists = async (name: string) =>
    (await dockerClient().listContainers({ all: true, filters: { name: [`^/${name}$`] } })).length > 0;

  /** One `create run` with a fresh container name (recorded for cleanup). */
  const run = async (client: AttackClient, host: string, extra: Record<string, unknown>) => {
    const name = `berth-redteam-run-${process.pid}-${++seq}`;
    made.push(name);
    // Tables are written before the root exists: `{root}` stands for it.
    const given = JSON.parse(JSON.stringify(extra).replaceAll('{root}', root)) as Record<string, unknown>;
    const args = { action: 'run', host, image, name, cmd: ['sleep', '60'], labels: testLabels(), ...given };
    const result = await client.call('create', args);
    return { name, args, result, out: result.structured as Out | undefined };
  };

  const risky: [string, Record<string, unknown>, RegExp][] = [
    ['the host root', { volumes: ['/:/host:ro'] }, /outside bindRoots/],
    ['the Docker socket', { volumes: ['/var/run/docker.sock:/var/run/docker.sock'] }, /Docker socket/],
    ['the host network', { network: 'host' }, /host's network/],
    ['a link in the root that leads out of it', { volumes: ['{root}/escape:/x:ro'] }, /resolves to \/etc/],
    ['a link in the root to the Docker socket', { volumes: ['{root}/sock:/s'] }, /Docker socket/],
  ];

  it.each(risky)(
    '%s: a plan and a confirm_token first, nothing created until confirmed',
    async (_what, extra, why) => {
      await using client = await start();
      const { name, args, result, out } = await run(client, 'open', extra);
      expect(result.isError, result.text).toBe(false);
      expect(out?.confirm_token).toEqual(expect.any(String));
      expect(result.text).toMatch(why);
      expect(await exists(name)).toBe(false);
      // The token is bound to this very call: other arguments do not ride on it.
      const swapped = await client.call('create', {
        ...args,
        volumes: ['/root:/root'],
        confirm_token: out?.confirm_token,
      });
      expect(swapped.isError).toBe(true);
      expect(await exists(name)).toBe(false);
    },
  );

  it('the confirmed call does exactly what was planned', async () => {
    await using client = await start();
    const { name, args, out } = await run(client, 'open', { volumes: ['/:/host:ro'] });
    const confirmed = await client.call('create', { ...args, confirm_token: out?.confirm_token });
    expect(confirmed.isError, confirmed.text).toBe(false);
    const info = await dockerClient().getContainer(name).inspect();
    expect(info.Mounts).toEqual([expect.objectContaining({ Source: '/', Destination: '/host', RW: false })]);
    expect(info.Config.Labels).toMatchObject(testLabels());
  });

  it.each(risky)(
    '%s: refused outright on a profile that does not allow host access',
    async (_what, extra) => {
      await using client = await start();
      for (const dryRun of [false, true]) {
        const { name, result } = await run(client, 'locked', dryRun ? { ...extra, dry_run: true } : extra);
        expect(result.isError, result.text).toBe(true);
        expect(result.text).toMatch(/allowHostAccess/);
        expect(result.text).not.toMatch(/confirm_token/);
        expect(await exists(name)).toBe(false);
      }
    },
  );

  it('a bind inside a configured root runs at once, on either profile', async () => {
    await using client = await start();
    for (const host of ['locked', 'open']) {
      const { name, result, out } = await run(client, host, { volumes: [`${root}/data:/data:ro`] });
      expect(result.isError, result.text).toBe(false);
      expect(out?.confirm_token).toBeUndefined();
      expect(out?.rows?.[0]).toMatchObject({ name, state: 'running' });
      expect(await exists(name)).toBe(true);
    }
    // A dry run of it plans and creates nothing.
    const { name, result } = await run(client, 'locked', {
      volumes: [`${root}/data:/data:ro`],
      dry_run: true,
    });
    expect(result.isError, result.text).toBe(false);
    expect(await exists(name)).toBe(false);
  });

  it('privileged, PID/IPC namespaces and capabilities cannot be asked for at all', async () => {
    await using client = await start();
    const attempts: Record<string, unknown>[] = [
      { privileged: true },
      { pid: 'host' },
      { ipc: 'host' },
      { capAdd: ['SYS_ADMIN'] },
      { network: 'container:berth-nonexistent' },
    ];
    for (const extra of attempts) {
      const { name, result } = await run(client, 'locked', extra);
      expect(result.isError, `${JSON.stringify(extra)}: ${result.text}`).toBe(true);
      expect(await exists(name)).toBe(false);
    }
  });
});
