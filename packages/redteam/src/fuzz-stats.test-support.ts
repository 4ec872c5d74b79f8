import { losesData } from './fuzz-answer-problems.test-support.js';
import type { FuzzCall } from './fuzz-call-arbitrary.test-support.js';
import type { FuzzOutcome } from './fuzz-lanes.test-support.js';

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

/** What a run did, for the report (and for the audit check of empty plans). */
export class FuzzStats {
  batches = 0;
  readonly byTool = new Map<string, number>();
  readonly byHost = new Map<string, number>();
  readonly answers = { ok: 0, isError: 0, rpcError: 0, other: 0 };
  /** Data-losing calls that ran at once because their plan was empty (they removed nothing). */
  emptyPlans = 0;
  /** Time spent waiting for answers, and between batches on the test bed's own housekeeping. */
  answeringMs = 0;
  housekeepingMs = 0;

  constructor(private readonly tools: ReadonlySet<string>) {}

  count(call: FuzzCall, outcome: FuzzOutcome): void {
    const tool = this.tools.has(call.tool) ? call.tool : '(unknown tool)';
    this.byTool.set(tool, (this.byTool.get(tool) ?? 0) + 1);
    const hosts = call.tool === 'host_config' ? ['config'] : hostsOf(call);
    const key = hosts.length === 0 ? 'no known host' : hosts.join('+');
    this.byHost.set(key, (this.byHost.get(key) ?? 0) + 1);
    if (outcome.kind === 'result') this.answers[outcome.isError ? 'isError' : 'ok']++;
    else if (outcome.kind === 'rpc-error') this.answers.rpcError++;
    else this.answers.other++;
    if (outcome.kind === 'result' && !outcome.isError && losesData(call) && call.args?.dry_run !== true) {
      const token = (outcome.structured as { confirm_token?: unknown } | undefined)?.confirm_token;
      if (token === undefined) this.emptyPlans++;
    }
  }

  report(): string[] {
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    return [
      `answers: ${JSON.stringify(this.answers)}`,
      `by tool: ${JSON.stringify(Object.fromEntries(this.byTool))}`,
      `by host: ${JSON.stringify(Object.fromEntries(this.byHost))}`,
      `waiting for answers ${seconds(this.answeringMs)}, housekeeping ${seconds(this.housekeepingMs)}`,
    ];
  }
}
