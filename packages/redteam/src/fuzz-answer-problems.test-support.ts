import type { FuzzCall } from './fuzz-call-arbitrary.test-support.js';
import type { FuzzOutcome } from './fuzz-lanes.test-support.js';

/** A V8 stack frame line: `    at fn (file:line:col)`, `at file:line:col`, `at <anonymous>`. */
const FRAME = /(^|\n)\s*at\s+(?:.+\s\()?(?:\/|file:|node:|<anonymous>|async\s)[^\n]*(?::\d+:\d+\)?|\))/;
/** Source locations of berth's own code, whatever the machine's checkout path. */
const SOURCE_LOCATION = /(?:node_modules\/|\/(?:src|dist)\/[\w./-]+\.[cm]?[jt]s\b|\.[cm]?[jt]s:\d+:\d+)/;

export interface AnswerRules {
  /** Tool names tools/list advertises: only a call to another name may get a JSON-RPC error. */
  tools: ReadonlySet<string>;
  /** The repository's path on this machine: never in an answer. */
  repoRoot: string;
}

/** Tools and actions that lose data: unconfirmed, their only success is a plan with a token. */
export function losesData(call: FuzzCall): boolean {
  const action = call.args?.action;
  return call.tool === 'remove' || (call.tool === 'host_config' && action === 'remove');
}

/** Everything wrong with one answer, each as a line; empty when the answer is fine. */
export function answerProblems(call: FuzzCall, outcome: FuzzOutcome, rules: AnswerRules): string[] {
  const known = rules.tools.has(call.tool);
  switch (outcome.kind) {
    case 'lost':
      return [`the server crashed or closed the connection: ${outcome.message}`];
    case 'timeout':
      return [`no answer: ${outcome.message}`];
    case 'client-error':
      return [`the client could not read the answer: ${outcome.message}`];
    case 'rpc-error':
      return known ? [`JSON-RPC error ${outcome.code} for a known tool: ${outcome.message}`] : [];
  }
  const problems: string[] = [];
  const structured = outcome.structured === undefined ? '' : JSON.stringify(outcome.structured);
  for (const [where, text] of [
    ['text', outcome.text],
    ['structuredContent', structured],
  ] as const) {
    if (FRAME.test(text)) problems.push(`a stack frame in the ${where}: ${excerpt(text, FRAME)}`);
    if (text.includes(rules.repoRoot)) problems.push(`the repository path in the ${where}`);
  }
  if (outcome.isError) {
    // Rows may quote a container's own paths; an error has no reason to name a source file.
    if (SOURCE_LOCATION.test(outcome.text))
      problems.push(`a source file path in an error: ${excerpt(outcome.text, SOURCE_LOCATION)}`);
    if (outcome.text.trim() === '') problems.push('an isError answer without text');
    if (/[\r\n]/.test(outcome.text))
      problems.push(`an isError text of several lines: ${JSON.stringify(outcome.text.slice(0, 300))}`);
  } else if (
    known &&
    losesData(call) &&
    call.args?.dry_run !== true &&
    actedUnconfirmed(outcome.structured)
  ) {
    problems.push('a data-losing call without a valid confirm_token acted');
  }
  return problems;
}

/**
 * True when an answer without a confirm_token reports something removed. An empty plan
 * runs without asking (nothing to lose): its rows say so with a count of 0.
 */
export function actedUnconfirmed(structured: unknown): boolean {
  const answer = (structured ?? {}) as { confirm_token?: unknown; rows?: Record<string, unknown>[] };
  if (typeof answer.confirm_token === 'string') return false;
  return (answer.rows ?? []).some(
    (row) => ['removed', 'untagged'].includes(String(row.result ?? row.done)) && row.count !== 0,
  );
}

function excerpt(text: string, pattern: RegExp): string {
  const at = text.search(pattern);
  return JSON.stringify(text.slice(Math.max(0, at - 80), at + 160));
}
