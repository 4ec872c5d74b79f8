import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerClient, type RemoteHost, type TestContainer, testLabels } from '@berth/testkit';
import type { AttackClientOptions } from './bin.test-support.js';
import { writeFuzzConfigs } from './fuzz-configs.test-support.js';
import { type EngineObject, localObjects, remoteObjects } from './fuzz-engine-objects.test-support.js';
import { startFixtures } from './fuzz-fixtures.test-support.js';
import { FIXTURE_LABEL, MADE_LABEL } from './fuzz-labels.test-support.js';
import { FuzzCanaries } from './fuzz-payloads.test-support.js';

/** How long removing the bed's network or volume may take before it is left for the next run's sweep. */
const DISPOSE_TIMEOUT_MS = 60_000;

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
    // With a deadline: a fixture the engine holds (see FuzzRun.heldFixture) holds its network and volume too.
    await docker
      .getNetwork(this.names.network)
      .remove({ abortSignal: AbortSignal.timeout(DISPOSE_TIMEOUT_MS) })
      .catch(() => {});
    await docker
      .getVolume(this.names.volume)
      .remove({ abortSignal: AbortSignal.timeout(DISPOSE_TIMEOUT_MS) })
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
  await startFixtures(bed);
  writeFuzzConfigs(bed);
  bed.before = { local: await localObjects(), remote: await remoteObjects(bed.remote) };
}
