// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose's ${VAR} syntax is what the stack's files hold.
import { type ClientPool, createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { bindEngine, type HostEngine } from '@berth/engine';
import { busyboxImage, engineSuite, ensureImage, type RemoteHost, startRemoteHost } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { hostFileSource } from './host-file-source.js';
import { hostStacks } from './host-stacks.js';
import { loadComposeProject } from './load-compose-project.js';

/*
 * Stacks on a remote host over SSH: the trixie host (Docker 26.1, Compose v2, which labels
 * config files with absolute paths), files written and stacks started there through the
 * profile's run(argv), then read back by discovery through the same SSH connection.
 */
engineSuite('the stacks of a remote host over SSH (Compose v2)', () => {
  let remote: RemoteHost;
  let pool: ClientPool;
  let host: HostEngine;
  const root = '/srv/stacks';
  const write = async (path: string, text: string) => {
    const made = await host.run(['mkdir', '-p', '--', path.slice(0, path.lastIndexOf('/'))]);
    const wrote = await host.run(['tee', '--', path], { input: text });
    if (made.exitCode !== 0 || wrote.exitCode !== 0) throw new Error(`writing ${path}: ${wrote.stderr}`);
  };

  beforeAll(async () => {
    const { tag } = await ensureImage(busyboxImage);
    remote = await startRemoteHost({ flavour: 'trixie' });
    await remote.loadImage(tag);
    pool = createClientPool({ config: BerthConfig.parse({ profiles: { trixie: remote.sshProfile() } }) });
    host = bindEngine(await pool.acquire('trixie'), { signal: new AbortController().signal });
    await write(
      `${root}/shop/compose.yaml`,
      `services:\n  web:\n    image: ${tag}\n    command: ["sleep", "300"]\n    environment: {TOKEN: "\${TOKEN:?set TOKEN}"}\n    ports: ["127.0.0.1:8080:80"]\n    volumes: ["data:/data", "./conf:/conf:ro"]\nvolumes:\n  data: {}\n`,
    );
    await write(`${root}/shop/.env`, 'TOKEN="a b $$c"\n');
    await write(`${root}/idle/docker-compose.yml`, `services:\n  app:\n    image: ${tag}\n`);
    const up = await host.run(['docker', 'compose', '--project-directory', `${root}/shop`, 'up', '-d'], {
      timeoutMs: 120_000,
    });
    if (up.exitCode !== 0) throw new Error(`compose up: ${up.stderr}`);
  });

  afterAll(async () => {
    await pool?.dispose();
    await remote?.[Symbol.asyncDispose]();
  });

  it("lists the host's stacks by labels and compose paths, and reads a project as compose v2 resolves it", async () => {
    const stacks = await hostStacks(host, { composePaths: [root] });
    expect(stacks.map((s) => [s.project, s.via, s.workingDir, s.configFiles, s.services])).toEqual([
      ['idle', ['compose-path'], `${root}/idle`, [`${root}/idle/docker-compose.yml`], []],
      ['shop', ['containers', 'compose-path'], `${root}/shop`, [`${root}/shop/compose.yaml`], ['web']],
    ]);

    const ours = await loadComposeProject({ cwd: `${root}/shop`, env: {}, source: hostFileSource(host) });
    expect(ours.services[0]?.environment).toEqual({ TOKEN: 'a b $c' });
    const config = await host.run([
      'docker',
      'compose',
      '--project-directory',
      `${root}/shop`,
      'config',
      '--format',
      'json',
    ]);
    // Normalised as in compose-agreement.engine.test.ts: `$$` unescaped, unset keys and empty defaults dropped.
    const theirs = JSON.parse(config.stdout.replaceAll('$$', '$')) as {
      services: Record<string, Record<string, unknown>>;
    };
    for (const service of Object.values(theirs.services)) {
      for (const key of ['command', 'entrypoint']) if (service[key] === null) delete service[key];
    }
    const networks = (theirs as unknown as { networks: Record<string, Record<string, unknown>> }).networks;
    for (const network of Object.values(networks))
      if (JSON.stringify(network.ipam) === '{}') delete network.ipam;
    expect(ours.model).toEqual(theirs);
  });
});
