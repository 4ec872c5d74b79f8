import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import {
  busyboxImage,
  dockerClient,
  engineSuite,
  ensureImage,
  generateKeyPair,
  knownHostsLine,
  LABEL_HOST,
  LABEL_PID,
  LABEL_RUN,
  runCommand,
  runContainer,
  startContainer,
  startRegistry,
  startRemoteHost,
  sweepLeftovers,
  testRunId,
} from '../src/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'berth-testkit-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function busybox(): Promise<string> {
  return (await ensureImage(busyboxImage)).tag;
}

async function containerExists(id: string): Promise<boolean> {
  try {
    await dockerClient().getContainer(id).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

engineSuite('fixture containers', () => {
  it('runs a command and reports its real exit code and separate output streams', async () => {
    const result = await runContainer({
      image: await busybox(),
      cmd: ['sh', '-c', 'echo to-stdout; echo to-stderr >&2; exit 3'],
    });
    expect(result).toEqual({ exitCode: 3, stdout: 'to-stdout\n', stderr: 'to-stderr\n' });
  });

  it('execs argv in a running container and removes it on dispose', async () => {
    let id = '';
    {
      await using container = await startContainer({ image: await busybox(), cmd: ['sleep', '300'] });
      id = container.id;
      const info = await container.container.inspect();
      expect(info.Config.Labels[LABEL_RUN]).toBe(testRunId());
      const ok = await container.exec(['cat', '/etc/passwd']);
      expect(ok.exitCode).toBe(0);
      expect(ok.stdout).toContain('root:x:0:0');
      const failed = await container.exec(['ls', '/does-not-exist']);
      expect(failed.exitCode).not.toBe(0);
      expect(failed.stderr).toContain('does-not-exist');
    }
    expect(await containerExists(id)).toBe(false);
  });
});

engineSuite('remote host over SSH', () => {
  it('answers docker version over SSH with host-key verification on, and refuses a wrong key', async () => {
    await using remote = await startRemoteHost();

    const ok = await remote.ssh(['docker', 'version', '--format', '{{.Server.Version}}']);
    expect(ok.stderr).toBe('');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout.trim()).toMatch(/^\d+\.\d+/);

    // The same host under a different (impostor) key: OpenSSH must refuse before running anything.
    const impostor = await generateKeyPair(scratch, 'impostor');
    const wrongKnownHosts = join(scratch, 'known_hosts.wrong');
    writeFileSync(wrongKnownHosts, `${knownHostsLine(remote.host, remote.port, impostor.publicKey)}\n`);
    const refused = await remote.ssh(['docker', 'version'], { knownHostsFile: wrongKnownHosts });
    expect(refused.exitCode).toBe(255);
    expect(refused.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);

    // An unknown host is refused too (strict checking, no trust on first use).
    const empty = join(scratch, 'known_hosts.empty');
    writeFileSync(empty, '');
    const unknown = await remote.ssh(['docker', 'version'], { knownHostsFile: empty });
    expect(unknown.exitCode).toBe(255);
    expect(unknown.stderr).toContain('Host key verification failed');
  });

  it('passes hostile argv literally through the remote shell', async () => {
    await using remote = await startRemoteHost();
    const canary = '/tmp/berth-canary';
    const hostile = ['; touch /tmp/berth-canary', '$(touch /tmp/berth-canary)', '\'quoted\' "too"', '--flag'];
    const echoed = await remote.ssh(['printf', '%s\\n', ...hostile]);
    expect(echoed.exitCode).toBe(0);
    expect(echoed.stdout).toBe(`${hostile.join('\n')}\n`);
    const check = await remote.ssh(['test', '-e', canary]);
    expect(check.exitCode).toBe(1);
  });
});

engineSuite('local registry', () => {
  it('serves a pushed image that the engine pulls back', async () => {
    await using registry = await startRegistry();
    const docker = dockerClient();
    await docker.getImage(registry.testImage).remove({ force: true });
    await expect(docker.getImage(registry.testImage).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const stream = await docker.pull(registry.testImage);
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve())),
    );
    const pulled = await docker.getImage(registry.testImage).inspect();
    expect(pulled.RepoTags).toContain(registry.testImage);

    const run = await runContainer({ image: registry.testImage, cmd: ['echo', 'pulled'] });
    expect(run.stdout).toBe('pulled\n');
  });
});

engineSuite('leftover sweep', () => {
  it('removes resources of dead test processes and keeps those of live ones', async () => {
    // The probes carry a host label of their own: the sweeps that other test processes
    // run at their start and end (this machine's host) leave them to this test.
    const host = `sweep-probe-${testRunId()}`;
    const owner = (pid: number) => ({
      [LABEL_RUN]: 'crashed-run',
      [LABEL_PID]: String(pid),
      [LABEL_HOST]: host,
    });
    const dead = spawnSync('true').pid;
    const docker = dockerClient();
    const image = await busybox();
    const committed = `berth-test/sweep-probe:${testRunId()}`;
    const orphan = await docker.createContainer({ Image: image, Cmd: ['sleep', '300'], Labels: owner(dead) });
    const live = await docker.createContainer({
      Image: image,
      Cmd: ['sleep', '300'],
      Labels: owner(process.pid),
    });
    const volume = await docker.createVolume({ Labels: owner(dead) });
    try {
      const orphanName = (await orphan.inspect()).Name.replace(/^\//, '');
      // An image a crashed test committed (no registry prefix): it inherits the owner labels.
      await runCommand(['docker', 'commit', orphan.id, committed], { timeoutMs: 60_000 });

      await sweepLeftovers();
      expect(await containerExists(orphan.id)).toBe(true);

      const swept = await sweepLeftovers({ host });
      expect(swept.images).toEqual([committed]);
      expect(swept.volumes).toEqual([volume.name]);
      expect(swept.containers).toEqual([orphanName]);
      expect(await containerExists(orphan.id)).toBe(false);
      expect(await containerExists(live.id)).toBe(true);
    } finally {
      await Promise.allSettled([
        orphan.remove({ force: true }),
        live.remove({ force: true }),
        docker.getVolume(volume.name).remove({ force: true }),
        docker.getImage(committed).remove({ force: true }),
      ]);
    }
  });
});

engineSuite('leak check at the end of a test run', () => {
  const src = fileURLToPath(new URL('../src/', import.meta.url));
  const vitestBin = join(
    dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
    'vitest.mjs',
  );

  /** Runs vitest with the test bed's global setup on one test file that makes a volume. */
  async function runWithGlobalSetup(name: string, leaks: boolean) {
    const dir = mkdtempSync(join(scratch, 'leak-check-'));
    const volume = `berth-leak-probe-${name}-${testRunId()}`;
    writeFileSync(
      join(dir, 'vitest.config.mjs'),
      `export default { test: { globals: true, include: ['*.test.ts'], globalSetup: [${JSON.stringify(join(src, 'global-setup.ts'))}] } };\n`,
    );
    writeFileSync(
      join(dir, 'volume.test.ts'),
      [
        `import { dockerClient, testLabels } from ${JSON.stringify(join(src, 'index.ts'))};`,
        `it('makes a volume', async () => {`,
        `  const docker = dockerClient();`,
        `  await docker.createVolume({ Name: ${JSON.stringify(volume)}, Labels: testLabels() });`,
        leaks ? '' : `  await docker.getVolume(${JSON.stringify(volume)}).remove();`,
        `});`,
        '',
      ].join('\n'),
    );
    // A host of its own: the sweeps other test processes run meanwhile leave the probe to
    // this run's own end-of-run sweep, the check under test.
    const env = { BERTH_REQUIRE_DOCKER: '1', BERTH_TEST_HOST: `leak-check-${testRunId()}` };
    const run = await runCommand([process.execPath, vitestBin, 'run', '--root', dir], {
      timeoutMs: 110_000,
      env,
      cwd: dir,
      check: false,
    });
    return { ...run, volume };
  }

  async function volumeExists(name: string): Promise<boolean> {
    const { Volumes } = await dockerClient().listVolumes({ filters: JSON.stringify({ name: [name] }) });
    return (Volumes ?? []).some((v) => v.Name === name);
  }

  it('fails a run whose test left a resource behind, and removes it; a clean run passes', async () => {
    const clean = await runWithGlobalSetup('clean', false);
    expect(clean.stderr).not.toContain('left resources behind');
    expect(clean.exitCode).toBe(0);

    const leaky = await runWithGlobalSetup('leaky', true);
    try {
      expect(`${leaky.stdout}${leaky.stderr}`).toMatch(
        /left resources behind \(now removed\).*berth-leak-probe-leaky/,
      );
      expect(leaky.exitCode).toBe(1);
      expect(await volumeExists(leaky.volume)).toBe(false);
    } finally {
      await dockerClient()
        .getVolume(leaky.volume)
        .remove({ force: true })
        .catch(() => undefined);
    }
  });
});
