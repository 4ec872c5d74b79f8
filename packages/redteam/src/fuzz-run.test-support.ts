import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dockerClient } from '@berth/testkit';
import { answerProblems, losesData } from './fuzz-answer-problems.test-support.js';
import { FIXTURE_LABEL, type FuzzBed, MADE_LABEL } from './fuzz-bed.test-support.js';
import type { FuzzCall, ToolShape } from './fuzz-call-arbitrary.test-support.js';
import { localObjects } from './fuzz-engine-objects.test-support.js';
import { FuzzJanitor } from './fuzz-janitor.test-support.js';
import type { FuzzLanes, FuzzOutcome } from './fuzz-lanes.test-support.js';
import { FuzzShield } from './fuzz-shield.test-support.js';

/** BERTH_FUZZ_DUMP=<file>: every call and its answer as JSON lines, to see what the fuzz reached. */
const DUMP = process.env.BERTH_FUZZ_DUMP;
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
/** Other tests come and go on the shared engine: their names are listed again this often (batches). */
const FOREIGN_NAMES_EVERY = 100;

/** Which engines a call names: the default (no host) is local. */
function hostsOf(call: FuzzCall): string[] {
  const host = call.args?.host;
  if (host === undefined) return ['local'];
  if (host === '*') return ['local', 'remote'];
  const list = Array.isArray(host) ? host : typeof host === 'string' ? host.split(',') : [];
  const known = list
    .map((h) => (typeof h === 'string' ? h.trim() : ''))
    .filter((h) => h === 'local' || h === 'remote');
  return [...new Set(known)];
}

/**
 * One fuzz run: routes calls to lanes (host_config to the hosts lane, one at a time, its
 * config put back after each), shields them, checks every answer, cleans up as it goes
 * and counts what happened for the report.
 */
export class FuzzRun {
  readonly janitor: FuzzJanitor;
  readonly stats = {
    batches: 0,
    byTool: new Map<string, number>(),
    byHost: new Map<string, number>(),
    answers: { ok: 0, isError: 0, rpcError: 0, other: 0 },
    /** Data-losing calls that ran at once because their plan was empty (they removed nothing). */
    emptyPlans: 0,
    /** Time spent between batches on the test bed's own housekeeping. */
    housekeepingMs: 0,
    /** Time spent waiting for answers. */
    answeringMs: 0,
  };
  private readonly shield: FuzzShield;
  private foreign = new Set<string>();
  private hostsQueue: Promise<unknown> = Promise.resolve();
  private readonly housekeepingErrors: string[] = [];
  private readonly tools: Set<string>;

  constructor(
    private readonly bed: FuzzBed,
    private readonly lanes: FuzzLanes,
    private readonly shapes: ToolShape[],
  ) {
    this.tools = new Set(shapes.map((s) => s.name));
    this.janitor = new FuzzJanitor(bed);
    this.shield = new FuzzShield({
      ownIds: bed.ownIds,
      foreignNames: () => this.foreign,
      programs: bed.programs,
      volume: bed.names.volume,
    });
  }

  /** The hosts lane is the last one; engine calls spread over the others. */
  laneOf(tool: string, index = 0): number {
    return tool === 'host_config' ? this.lanes.size - 1 : index % (this.lanes.size - 1);
  }

  async refreshForeignNames(): Promise<void> {
    const mine = (labels: Record<string, string>) =>
      labels[FIXTURE_LABEL] === this.bed.run || labels[MADE_LABEL] === this.bed.run;
    const objects = (await localObjects()).filter((o) => !mine(o.labels));
    // The engine's own networks belong to no test: fixtures may join and leave them.
    this.foreign = new Set(objects.map((o) => o.name).filter((n) => !['bridge', 'host', 'none'].includes(n)));
  }

  /** Sends one batch at once; returns every problem, each naming the call as it was sent. */
  async batch(calls: FuzzCall[]): Promise<string[]> {
    const sent = calls.map((c) => this.withMadeLabels(this.shield.apply(c)));
    const took: number[] = [];
    const sending = Date.now();
    const outcomes = await Promise.all(
      sent.map(async (call, i) => {
        const start = Date.now();
        const outcome = await this.send(call, i);
        took[i] = Date.now() - start;
        return outcome;
      }),
    );
    this.stats.answeringMs += Date.now() - sending;
    const problems = sent.flatMap((call, i) => {
      const outcome = outcomes[i] as FuzzOutcome;
      this.count(call, outcome);
      if (DUMP) appendFileSync(DUMP, `${JSON.stringify({ ms: took[i], call, outcome })}\n`);
      return answerProblems(call, outcome, { tools: this.tools, repoRoot: REPO_ROOT }).map(
        (p) => `call ${i} ${call.tool} ${clip(JSON.stringify(call.args))}: ${p}`,
      );
    });
    await this.tidy(sent, outcomes);
    return problems;
  }

  private send(call: FuzzCall, index: number): Promise<FuzzOutcome> {
    if (call.tool !== 'host_config')
      return this.lanes.call(this.laneOf(call.tool, index), call.tool, call.args);
    const next = this.hostsQueue.then(async () => {
      try {
        return await this.lanes.call(this.laneOf(call.tool), call.tool, call.args);
      } finally {
        this.bed.restoreHostsConfig();
      }
    });
    this.hostsQueue = next.catch(() => {});
    return next;
  }

  /** Whatever a create call makes carries the test bed's labels, merged into its own `labels`. */
  private withMadeLabels(call: FuzzCall): FuzzCall {
    const args = call.args;
    const action = typeof args?.action === 'string' ? args.action : '';
    const shape = this.shapes.find((s) => s.name === call.tool);
    if (call.tool !== 'create' || !args || !Object.hasOwn(shape?.takes ?? {}, action)) return call;
    if (!shape?.takes[action]?.includes('labels')) return call;
    const labels = args.labels;
    if (labels !== undefined && (typeof labels !== 'object' || labels === null || Array.isArray(labels)))
      return call;
    const merged = Object.assign(Object.create(null), labels ?? {}, this.bed.madeLabels);
    const out = { ...args };
    Object.defineProperty(out, 'labels', {
      value: { ...merged },
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return { tool: call.tool, args: out };
  }

  private count(call: FuzzCall, outcome: FuzzOutcome): void {
    const { stats } = this;
    const tool = this.tools.has(call.tool) ? call.tool : '(unknown tool)';
    stats.byTool.set(tool, (stats.byTool.get(tool) ?? 0) + 1);
    const hosts = call.tool === 'host_config' ? ['config'] : hostsOf(call);
    const key = hosts.length === 0 ? 'no known host' : hosts.join('+');
    stats.byHost.set(key, (stats.byHost.get(key) ?? 0) + 1);
    if (outcome.kind === 'result') stats.answers[outcome.isError ? 'isError' : 'ok']++;
    else if (outcome.kind === 'rpc-error') stats.answers.rpcError++;
    else stats.answers.other++;
    if (outcome.kind === 'result' && !outcome.isError && losesData(call) && call.args?.dry_run !== true) {
      const token = (outcome.structured as { confirm_token?: unknown } | undefined)?.confirm_token;
      if (token === undefined) stats.emptyPlans++;
    }
  }

  private async tidy(calls: FuzzCall[], outcomes: FuzzOutcome[]): Promise<void> {
    for (const [i, call] of calls.entries()) this.janitor.note(call, outcomes[i] as FuzzOutcome);
    const batch = ++this.stats.batches;
    const start = Date.now();
    try {
      await this.janitor.between(batch);
      if (batch % FOREIGN_NAMES_EVERY === 0) await this.refreshForeignNames();
    } catch (error) {
      // The test bed's own failure, not berth's: reported after the run, not as a counterexample.
      this.housekeepingErrors.push((error as Error).message);
    }
    this.stats.housekeepingMs += Date.now() - start;
  }

  /** What failed in the test bed's own housekeeping during the run. */
  get housekeepingFailures(): readonly string[] {
    return this.housekeepingErrors;
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

function clip(text: string | undefined, max = 1_500): string {
  if (text === undefined) return '(no arguments)';
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
