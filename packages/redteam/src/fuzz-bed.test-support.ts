import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  baseImage,
  busyboxImage,
  dockerClient,
  ensureImage,
  type RemoteHost,
  runContainer,
  startContainer,
  startRemoteHost,
  type TestContainer,
  testLabels,
} from '@berth/testkit';
import type { AttackClientOptions } from './bin.test-support.js';
import { type EngineObject, localObjects, remoteObjects } from './fuzz-engine-objects.test-support.js';
import { FuzzCanaries } from './fuzz-payloads.test-support.js';

/** On everything a fuzz call creates (merged into its `labels`), with the run as value. */
export const MADE_LABEL = 'berth.fuzz';
/** On the fuzz's own fixtures, which calls may act on but never remove. */
export const FIXTURE_LABEL = 'berth.fuzz.fixture';

// PID 1 ignores SIGTERM unless it traps it: without the trap every stop waits out its
// grace. `wait` returns on the signal, so a stop takes no longer than the engine needs.
const IDLE = ['sh', '-c', 'trap "exit 0" TERM; while :; do sleep 60 & wait $!; done'];

/**
 * The ground the fuzz runs on: the local engine and an SSH remote engine, each with two
 * running containers, a network and a volume of the fuzz's own; a config with both
 * profiles for the engine lanes, and a separate one (with a hostile ~/.ssh/config beside
 * it) for the lane that edits host profiles, so profiles the fuzz adds are never dialled.
 */
export class FuzzBed implements AsyncDisposable {
  readonly canaries: FuzzCanaries;
  readonly names: { containers: string[]; network: string; volume: string };
  readonly dir: string;
  remote!: RemoteHost;
  local: TestContainer[] = [];
  images: string[] = [];
  imageIds: string[] = [];
  /** Ids of the remote fixture containers. */
  remoteContainerIds: string[] = [];
  /** Full ids of the fuzz's fixtures on both engines and of the images they run. */
  ownIds: string[] = [];
  /** Program names in the fixture images. */
  programs = new Set<string>();
  hostsConfig = '';
  hostsConfigText = '';
  before: { local: EngineObject[]; remote: EngineObject[] } = { local: [], remote: [] };

  constructor(readonly run: string) {
    this.canaries = new FuzzCanaries(run);
    const stem = `berth-fuzz-${run}`;
    this.names = { containers: [`${stem}-a`, `${stem}-b`], network: `${stem}-net`, volume: `${stem}-vol` };
    this.dir = mkdtempSync(join(tmpdir(), 'berth-fuzz-'));
  }

  get fixtureLabels(): Record<string, string> {
    return testLabels({ [FIXTURE_LABEL]: this.run });
  }

  /** Labels every object a fuzz call creates carries. */
  get madeLabels(): Record<string, string> {
    return testLabels({ [MADE_LABEL]: this.run });
  }

  /** Engine lanes: both profiles, confirmation on, an audit log each, a HOME of their own. */
  engineLane(index: number): AttackClientOptions {
    return this.lane(`engine-${index}`, join(this.dir, 'engines.yaml'));
  }

  hostsLane(): AttackClientOptions {
    return this.lane('hosts', this.hostsConfig);
  }

  auditLog(lane: string): string {
    return join(this.dir, `audit-${lane}.jsonl`);
  }

  private lane(name: string, config: string): AttackClientOptions {
    const home = join(this.dir, `home-${name}`);
    const work = join(this.dir, `work-${name}`);
    mkdirSync(work, { recursive: true });
    return {
      args: ['--config', config, '--audit-log', this.auditLog(name)],
      env: {
        HOME: home,
        XDG_STATE_HOME: join(home, 'state'),
        XDG_CONFIG_HOME: join(home, 'config'),
      },
      cwd: work,
    };
  }

  /** Puts the hosts lane's config back as it was (a fuzz edit must not pile up on the next). */
  restoreHostsConfig(): void {
    const temp = `${this.hostsConfig}.restore`;
    writeFileSync(temp, this.hostsConfigText);
    renameSync(temp, this.hostsConfig);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    const docker = dockerClient();
    for (const c of this.local) await c.remove().catch(() => {});
    await docker
      .getNetwork(this.names.network)
      .remove()
      .catch(() => {});
    await docker
      .getVolume(this.names.volume)
      .remove()
      .catch(() => {});
    await this.remote?.[Symbol.asyncDispose]().catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export async function startFuzzBed(run: string): Promise<FuzzBed> {
  const bed = new FuzzBed(run);
  try {
    await setUp(bed);
    return bed;
  } catch (error) {
    await bed[Symbol.asyncDispose]();
    throw error;
  }
}

async function setUp(bed: FuzzBed): Promise<void> {
  const docker = dockerClient();
  const busybox = (await ensureImage(busyboxImage)).tag;
  const base = (await ensureImage(baseImage)).tag;
  bed.images = [busybox, base];
  bed.remote = await startRemoteHost();
  await bed.remote.loadImage(busybox);
  const { containers, network, volume } = bed.names;

  const net = await docker.createNetwork({ Name: network, Labels: bed.fixtureLabels });
  await docker.createVolume({ Name: volume, Labels: bed.fixtureLabels });
  for (const name of containers) {
    bed.local.push(
      await startContainer({
        image: busybox,
        name,
        cmd: IDLE,
        labels: { [FIXTURE_LABEL]: bed.run },
        hostConfig: { NetworkMode: network, Binds: [`${volume}:/data`] },
      }),
    );
  }
  const labelFlags = Object.entries(bed.fixtureLabels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  const remoteIds = await onRemote(bed.remote, [
    ['network', 'create', ...labelFlags, network],
    ['volume', 'create', ...labelFlags, volume],
    ...containers.map((name) => [
      'run',
      '-d',
      '--name',
      name,
      ...labelFlags,
      '--network',
      network,
      '-v',
      `${volume}:/data`,
      busybox,
      ...IDLE,
    ]),
  ]);
  bed.remoteContainerIds = remoteIds.slice(2);
  bed.imageIds = await Promise.all(bed.images.map(async (tag) => (await docker.getImage(tag).inspect()).Id));
  bed.ownIds = [...bed.local.map((c) => c.id), net.id, ...remoteIds, ...bed.imageIds].map((id) =>
    id.replace(/^sha256:/, '').toLowerCase(),
  );

  const programs = await runContainer({ image: busybox, cmd: ['busybox', '--list'] });
  const binaries = await runContainer({
    image: base,
    cmd: ['sh', '-c', 'ls /bin /usr/bin /sbin /usr/sbin /usr/local/bin /usr/local/sbin 2>/dev/null'],
  });
  bed.programs = new Set(
    `${programs.stdout}\n${binaries.stdout}`.split(/\s+/).filter((p) => /^[\w.+-]+$/.test(p)),
  );

  writeConfigs(bed);
  bed.before = { local: await localObjects(), remote: await remoteObjects(bed.remote) };
}

/** Runs docker commands on the remote engine; returns what each printed (ids). */
async function onRemote(remote: RemoteHost, commands: string[][]): Promise<string[]> {
  const out: string[] = [];
  for (const argv of commands) {
    const result = await remote.ssh(['docker', ...argv]);
    if (result.exitCode !== 0) throw new Error(`remote docker ${argv[0]}: ${result.stderr}`);
    out.push(result.stdout.trim());
  }
  return out;
}

function writeConfigs(bed: FuzzBed): void {
  const profile = bed.remote.sshProfile({ timeoutMs: 15_000, connectTimeoutMs: 5_000 });
  const engines = `profiles:\n  local:\n    type: local\n  remote: ${JSON.stringify(profile)}\n`;
  writeFileSync(join(bed.dir, 'engines.yaml'), engines);
  // Never dialled: the hosts lane only edits profiles, so their hosts may be anything.
  const spare = { type: 'ssh', host: '127.0.0.1', port: 1, user: 'nobody', readOnly: true };
  bed.hostsConfig = join(bed.dir, 'hosts.yaml');
  bed.hostsConfigText = `${engines}  spare: ${JSON.stringify(spare)}\n`;
  writeFileSync(bed.hostsConfig, bed.hostsConfigText);
  const ssh = join(bed.dir, 'home-hosts', '.ssh');
  mkdirSync(ssh, { recursive: true, mode: 0o700 });
  const touch = `touch ${bed.canaries.path('ssh_config')}`;
  writeFileSync(
    join(ssh, 'config'),
    [
      'Host plain',
      '  HostName 127.0.0.1',
      '  Port 2222',
      '  User root',
      `Host evil-$(${touch.replace(/ /g, '_')})`,
      '  HostName 127.0.0.1',
      `  ProxyCommand ${touch}`,
      `  User -oProxyCommand=${touch.replace(/ /g, '_')}`,
      `  IdentityFile ~/.ssh/$(${touch.replace(/ /g, '_')})`,
      'Host flag',
      '  HostName -oProxyCommand=true',
      `  LocalCommand ${touch}`,
      '  PermitLocalCommand yes',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
}
