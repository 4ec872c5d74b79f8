import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { answerProblems } from './fuzz-answer-problems.test-support.js';
import type { FuzzBed } from './fuzz-bed.test-support.js';
import type { FuzzCall, ToolShape } from './fuzz-call-arbitrary.test-support.js';
import { localObjects } from './fuzz-engine-objects.test-support.js';
import { FuzzJanitor } from './fuzz-janitor.test-support.js';
import { FIXTURE_LABEL, MADE_LABEL } from './fuzz-labels.test-support.js';
import type { FuzzLanes, FuzzOutcome } from './fuzz-lanes.test-support.js';
import { FuzzShield, withMadeLabels } from './fuzz-shield.test-support.js';
import { FuzzStats } from './fuzz-stats.test-support.js';

/** BERTH_FUZZ_DUMP=<file>: every call and its answer as JSON lines, to see what the fuzz reached. */
const DUMP = process.env.BERTH_FUZZ_DUMP;
const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
/** Other tests come and go on the shared engine: their names are listed again this often (batches). */
const FOREIGN_NAMES_EVERY = 100;

/**
 * Whether a call may exec in a container or pause one. runc 1.1 hangs for good when a pause
 * freezes an exec as it starts; each berth server orders its own pauses after its own
 * execs' starts (the engine's freeze guard) but cannot see another process's, so these
 * calls all go to one lane, whose server the fuzz then checks for that order.
 */
function execsOrPauses(call: FuzzCall): boolean {
  if (call.tool === 'db_read' || call.tool === 'db_admin') return true;
  const action = String(call.args?.action ?? '')
    .trim()
    .toLowerCase();
  return call.tool === 'container_ops' && (action === 'exec' || action === 'pause');
}

/**
 * One fuzz run: routes calls to lanes (host_config to the hosts lane, one at a time, its
 * config put back after each), shields them, checks every answer, cleans up as it goes
 * and counts what happened for the report.
 */
export class FuzzRun {
  readonly janitor: FuzzJanitor;
  readonly stats: FuzzStats;
  private readonly shield: FuzzShield;
  private foreign = new Set<string>();
  private hostsQueue: Promise<unknown> = Promise.resolve();
  private readonly housekeepingErrors: string[] = [];
  private readonly tools: Set<string>;
  /** Why the run stopped sending: a fixture the engine no longer answers for. */
  private held: string | undefined;

  constructor(
    private readonly bed: FuzzBed,
    private readonly lanes: FuzzLanes,
    private readonly shapes: ToolShape[],
  ) {
    this.tools = new Set(shapes.map((s) => s.name));
    this.stats = new FuzzStats(this.tools);
    this.janitor = new FuzzJanitor(bed);
    this.shield = new FuzzShield({
      ownIds: bed.ownIds,
      foreignNames: () => this.foreign,
      programs: bed.programs,
      volume: bed.names.volume,
    });
  }

  /** The hosts lane is the last one; engine calls spread over the others, but for execs and pauses (lane 0). */
  laneOf(call: FuzzCall, index = 0): number {
    if (call.tool === 'host_config') return this.lanes.size - 1;
    return execsOrPauses(call) ? 0 : index % (this.lanes.size - 1);
  }

  async refreshForeignNames(): Promise<void> {
    const mine = (labels: Record<string, string>) =>
      labels[FIXTURE_LABEL] === this.bed.run || labels[MADE_LABEL] === this.bed.run;
    const objects = (await localObjects()).filter((o) => !mine(o.labels));
    // The engine's own networks and the fixture images belong to no one test: fixtures may
    // join and leave those networks, and containers are made from those images.
    const shared = new Set(['bridge', 'host', 'none', ...this.bed.images]);
    this.foreign = new Set(objects.map((o) => o.name).filter((n) => !shared.has(n)));
  }

  /** Sends one batch at once; returns every problem, each naming the call as it was sent. */
  async batch(calls: FuzzCall[]): Promise<string[]> {
    // A held fixture makes every later call on it wait out its deadline: the rest of the run
    // would take hours and prove nothing, so it is skipped and the failure names the cause.
    if (this.held) return [];
    const sent = calls.map((c) => withMadeLabels(this.shield.apply(c), this.shapes, this.bed.madeLabels));
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
      this.stats.count(call, outcome);
      if (DUMP) appendFileSync(DUMP, `${JSON.stringify({ ms: took[i], call, outcome })}\n`);
      return answerProblems(call, outcome, { tools: this.tools, repoRoot: REPO_ROOT }).map(
        (p) => `call ${i} ${call.tool} ${clip(JSON.stringify(call.args))}: ${p}`,
      );
    });
    // Housekeeping that fails (an unpause the engine never answers) may mean a held fixture too.
    const tidied = await this.tidy(sent, outcomes);
    if (!tidied || outcomes.some(timedOut)) await this.checkHeld(sent, outcomes);
    return problems;
  }

  private async checkHeld(calls: FuzzCall[], outcomes: FuzzOutcome[]): Promise<void> {
    const held = await this.janitor.heldFixtures();
    if (held.length === 0) return;
    const late = calls
      .filter((_, i) => timedOut(outcomes[i] as FuzzOutcome))
      .map((call) => `${call.tool} ${clip(JSON.stringify(call.args), 300)}`);
    const all = calls.map((call) => `${call.tool} ${clip(JSON.stringify(call.args), 200)}`);
    this.held = `the engine holds fixture ${held.join(', ')} (no answer to inspect); the batch's calls that timed out: ${late.join(' | ') || 'none'}; all its calls: ${all.join(' | ')}`;
    this.housekeepingErrors.push(this.held);
  }

  private send(call: FuzzCall, index: number): Promise<FuzzOutcome> {
    if (call.tool !== 'host_config') return this.lanes.call(this.laneOf(call, index), call.tool, call.args);
    const next = this.hostsQueue.then(async () => {
      try {
        return await this.lanes.call(this.laneOf(call), call.tool, call.args);
      } finally {
        this.bed.restoreHostsConfig();
      }
    });
    this.hostsQueue = next.catch(() => {});
    return next;
  }

  /** False when the housekeeping failed. */
  private async tidy(calls: FuzzCall[], outcomes: FuzzOutcome[]): Promise<boolean> {
    for (const [i, call] of calls.entries()) this.janitor.note(call, outcomes[i] as FuzzOutcome);
    const batch = ++this.stats.batches;
    const start = Date.now();
    try {
      await this.janitor.between(batch);
      if (batch % FOREIGN_NAMES_EVERY === 0) await this.refreshForeignNames();
      return true;
    } catch (error) {
      // The test bed's own failure, not berth's: reported after the run, not as a counterexample.
      this.housekeepingErrors.push((error as Error).message);
      return false;
    } finally {
      this.stats.housekeepingMs += Date.now() - start;
    }
  }

  /** Set when the engine stopped answering for a fixture: what the later checks cannot look at. */
  get heldFixture(): string | undefined {
    return this.held;
  }

  /** What failed in the test bed's own housekeeping during the run. */
  get housekeepingFailures(): readonly string[] {
    return this.housekeepingErrors;
  }
}

/** An answer that says its call ran past a deadline. */
function timedOut(outcome: FuzzOutcome): boolean {
  return (
    outcome.kind === 'timeout' ||
    (outcome.kind === 'result' && outcome.isError && /timed out|ran past/.test(outcome.text))
  );
}

function clip(text: string | undefined, max = 1_500): string {
  if (text === undefined) return '(no arguments)';
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
