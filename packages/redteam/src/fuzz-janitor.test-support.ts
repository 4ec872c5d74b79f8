import { dockerClient } from '@berth/testkit';
import type { FuzzBed } from './fuzz-bed.test-support.js';
import type { FuzzCall } from './fuzz-call-arbitrary.test-support.js';
import { FIXTURE_LABEL, MADE_LABEL } from './fuzz-labels.test-support.js';
import type { FuzzOutcome } from './fuzz-lanes.test-support.js';
import { sweepLocalEngine } from './fuzz-local-sweep.test-support.js';
import { reviveRemoteFixtures, sweepRemoteEngine } from './fuzz-remote-sweep.test-support.js';

type Host = 'local' | 'remote';

/** Actions after which a fixture may not run. */
const STOPPING = ['stop', 'kill', 'pause', 'restart'];
/** How long an inspect of a fixture may take before the engine counts as holding it. */
const HELD_AFTER_MS = 20_000;
/** Create actions that make an object the sweep removes (a tag is taken back by name). */
const MAKING = ['run', 'container', 'volume', 'network'];

/**
 * Removes what fuzz calls created as the run goes (a shared engine runs out of network
 * address pools after a few dozen bridges), looking into each container for canaries
 * first; brings paused or stopped fixtures back so later calls still reach them.
 */
export class FuzzJanitor {
  readonly canaryFinds: string[] = [];
  readonly removed = { containers: 0, networks: 0, volumes: 0, tags: 0 };
  /** Tags a fuzz call added to an image that had no other tag (left in place: untagging would delete it). */
  readonly keptTags: string[] = [];
  private readonly tags: Record<Host, Set<string>> = { local: new Set(), remote: new Set() };
  private readonly tagsBefore: Record<Host, Set<string>>;
  private reviving: Promise<void> | undefined;
  private readonly pending = {
    made: { local: 0, remote: 0 },
    networks: { local: 0, remote: 0 },
    revive: { local: false, remote: false },
  };

  constructor(private readonly bed: FuzzBed) {
    const tags = (objects: typeof bed.before.local) =>
      new Set(objects.filter((o) => o.kind === 'image').map((o) => o.name));
    this.tagsBefore = { local: tags(bed.before.local), remote: tags(bed.before.remote) };
  }

  /** Notes what a call's answer says it changed: objects to sweep, tags to take back, fixtures to revive. */
  note(call: FuzzCall, outcome: FuzzOutcome): void {
    if (outcome.kind !== 'result' || outcome.isError) return;
    // berth trims a host name (" remote " is remote), so the janitor does too.
    const named = typeof call.args?.host === 'string' ? call.args.host.trim() : '';
    const host: Host = named === 'remote' ? 'remote' : 'local';
    const action = String(call.args?.action);
    if (call.tool === 'container_ops' && STOPPING.includes(action)) this.pending.revive[host] = true;
    if (call.tool !== 'create') return;
    if (MAKING.includes(action)) this.pending.made[host]++;
    if (action === 'network') this.pending.networks[host]++;
    if (action === 'tag') {
      const rows = (outcome.structured as { rows?: { name?: string }[] } | undefined)?.rows ?? [];
      for (const { name } of rows) if (name && !this.tagsBefore[host].has(name)) this.tags[host].add(name);
    }
  }

  /**
   * Between batches, with no call in flight (a network removed while a call connects a
   * fixture to it would leave that fixture unable to start): sweeps the shared local
   * engine after every create that made something; the remote engine is the fuzz's own,
   * so it is swept in bulk and its fixtures revived now and then (each costs an SSH login).
   */
  async between(batch: number): Promise<void> {
    const { pending } = this;
    // Each bridge takes an address pool, of which an engine has about thirty.
    if (pending.networks.local > 0 || pending.made.local >= 10) await this.sweep('local');
    if (pending.networks.remote >= 10 || pending.made.remote >= 40) await this.sweep('remote');
    if (pending.revive.local) await this.timed('revive local', () => this.reviveLocal());
    // Starting a fixture races with no call, so this one goes on beside the next batches.
    if (pending.revive.remote && batch % 25 === 0 && !this.reviving) {
      this.reviving = this.timed('revive remote', () => this.reviveRemote()).finally(() => {
        this.reviving = undefined;
      });
    }
  }

  async sweep(host: Host): Promise<void> {
    this.pending.made[host] = 0;
    this.pending.networks[host] = 0;
    await this.reviving;
    await this.timed(`sweep ${host}`, () => (host === 'local' ? this.sweepLocal() : this.sweepRemote()));
  }

  /** How often each housekeeping job ran and how long it took in all (ms), for the report. */
  readonly timing: Record<string, { n: number; ms: number }> = {};

  private async timed(job: string, work: () => Promise<void>): Promise<void> {
    const start = Date.now();
    try {
      await work();
    } finally {
      const t = this.timing[job] ?? { n: 0, ms: 0 };
      this.timing[job] = { n: t.n + 1, ms: t.ms + Date.now() - start };
    }
  }

  private async sweepLocal(): Promise<void> {
    const swept = await sweepLocalEngine(this.bed, this.tags.local);
    this.tags.local.clear();
    this.canaryFinds.push(...swept.canaries);
    this.keptTags.push(...swept.keptTags);
    for (const kind of ['containers', 'networks', 'volumes', 'tags'] as const)
      this.removed[kind] += swept.removed[kind];
  }

  private async sweepRemote(): Promise<void> {
    const tags = [...this.tags.remote];
    this.tags.remote.clear();
    this.canaryFinds.push(...(await sweepRemoteEngine(this.bed, tags)));
    this.removed.tags += tags.length;
  }

  /** Unpauses and starts the fixtures on both engines (fuzz calls may pause, stop or kill them). */
  async revive(): Promise<void> {
    await this.reviving;
    await this.reviveLocal();
    await this.reviveRemote();
  }

  private async reviveLocal(): Promise<void> {
    this.pending.revive.local = false;
    const docker = dockerClient();
    const filters = JSON.stringify({ label: [`${FIXTURE_LABEL}=${this.bed.run}`] });
    for (const c of await docker.listContainers({ all: true, filters })) {
      const container = docker.getContainer(c.Id);
      // Bounded: an engine that holds the fixture never answers, and the run must say so.
      const opts = { abortSignal: AbortSignal.timeout(HELD_AFTER_MS) };
      const change =
        c.State === 'paused'
          ? container.unpause(opts)
          : c.State !== 'running'
            ? container.start(opts)
            : undefined;
      // What counts is that it runs now (a 304 "already started" included).
      await change?.catch(async (error: Error) => {
        const { State } = await container.inspect({ abortSignal: AbortSignal.timeout(HELD_AFTER_MS) });
        if (!State.Running || State.Paused)
          throw new Error(`fixture ${c.Names[0]} does not run: ${error.message}`);
      });
    }
  }

  private async reviveRemote(): Promise<void> {
    this.pending.revive.remote = false;
    await reviveRemoteFixtures(this.bed);
  }

  /**
   * The local fixtures the engine no longer answers for: a runtime stuck on one (as runc
   * 1.1 was on a huge missing program name) holds it, and every later call on it then waits
   * out its deadline. Each inspect gets this long; an engine that answers at all answers in
   * milliseconds.
   */
  async heldFixtures(): Promise<string[]> {
    const docker = dockerClient();
    const held: string[] = [];
    for (const name of this.bed.names.containers) {
      const answered = await docker
        .getContainer(name)
        .inspect({ abortSignal: AbortSignal.timeout(HELD_AFTER_MS) })
        .then(
          () => true,
          (error: Error) => error.name !== 'AbortError' && !/abort/i.test(error.message),
        );
      if (!answered) held.push(name);
    }
    return held;
  }

  /** The fuzz's leftovers on the local engine after the final sweep (should be none). */
  async leftovers(): Promise<string[]> {
    const filters = JSON.stringify({ label: [`${MADE_LABEL}=${this.bed.run}`] });
    const docker = dockerClient();
    return [
      ...(await docker.listContainers({ all: true, filters })).map((c) => `container ${c.Names[0]}`),
      ...(await docker.listNetworks({ filters })).map((n) => `network ${n.Name}`),
      ...((await docker.listVolumes({ filters })).Volumes ?? []).map((v) => `volume ${v.Name}`),
    ];
  }
}
