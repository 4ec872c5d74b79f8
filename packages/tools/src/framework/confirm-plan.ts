import type { TokenSubject } from './confirm-tokens.js';
import type { HostSummary } from './host-summary.js';
import type { CallScope } from './make-host-call.js';
import type { ParsedRequest } from './parse-request.js';
import { ToolError } from './tool-error.js';
import { renderText, type ToolOutput } from './tool-output.js';
import type { Plan } from './tool-spec.js';

/** What an app is asked before a data-losing action runs. */
export interface ConfirmRequest {
  tool: string;
  action: string;
  host: string;
  plan: Plan;
  /** The question, with the plan as a compact table. */
  message: string;
}

/**
 * An app's answer: `pending` hands the app's own value back to it (MCP: the elicitation
 * round trip), `unavailable` falls back to a plan-bound confirmation token.
 */
export type ConfirmAnswer =
  | { state: 'yes' }
  | { state: 'no' }
  | { state: 'pending'; value: unknown }
  | { state: 'unavailable' };

/**
 * Asks the user. `available: false` says this app cannot ask right now (an MCP client
 * without elicitation): the plan-bound token is the way then. Absent means it can.
 */
export type ConfirmFn = ((request: ConfirmRequest) => Promise<ConfirmAnswer>) & {
  readonly available?: boolean;
};

export type Decision =
  | { kind: 'go' }
  | { kind: 'answer'; output: ToolOutput; audit: string }
  | { kind: 'pending'; value: unknown; audit: string }
  | { kind: 'refuse'; error: ToolError; audit: string };

interface DecideInput {
  scope: CallScope;
  request: ParsedRequest;
  host: HostSummary;
  plan: Plan;
  confirm: ConfirmFn | undefined;
  /** The action loses data (else it takes the risks its plan lists). */
  loses: boolean;
}

/**
 * Decides whether a data-losing action may run now. A dry run answers with the plan. With
 * confirmation off (flag or profile) it runs. Where the app can ask its user (elicitation,
 * a terminal prompt), the user is asked, every time: a token the agent holds never stands
 * in for the user's answer. Only where nobody can be asked does the plan-bound token
 * decide: a valid token for this very plan runs it, a token for another plan is refused,
 * no token gets the plan and a fresh token. Nothing is changed before `go`.
 */
export async function confirmPlan(input: DecideInput): Promise<Decision> {
  const { scope, request, host, plan, confirm, loses } = input;
  const what = loses ? 'loses data' : 'takes these risks';
  const subject: TokenSubject = {
    tool: scope.tool,
    action: request.actionName,
    host: host.name,
    params: request.params,
    targets: plan.targets,
  };
  const tokens = scope.context.tokens;
  const minutes = Math.round(tokens.ttlSeconds / 60);
  const asker = confirm && confirm.available !== false ? confirm : undefined;
  if (request.dryRun) {
    const output: ToolOutput = { rows: plan.rows, note: 'Dry run: nothing was changed.' };
    if (plan.targets.length > 0 && !asker) {
      output.confirm_token = tokens.issue(subject);
      output.note += ` Only if this is wanted: the same call without dry_run and with confirm_token does exactly this (valid ${minutes} min).`;
    }
    return { kind: 'answer', output, audit: 'dry-run' };
  }
  if (!scope.context.confirm || host.noConfirm || plan.targets.length === 0) return { kind: 'go' };
  if (asker) {
    const message = `${request.actionName} on ${host.name} ${what}:\n${renderText({ rows: plan.rows })}`;
    const answer = await asker({
      tool: scope.tool,
      action: request.actionName,
      host: host.name,
      plan,
      message,
    });
    if (answer.state === 'yes') return { kind: 'go' };
    if (answer.state === 'pending') return { kind: 'pending', value: answer.value, audit: 'asked' };
    if (answer.state === 'no') {
      return {
        kind: 'refuse',
        audit: 'declined',
        error: new ToolError(
          'DECLINED',
          `The user declined ${request.actionName} on ${host.name}; nothing changed`,
        ),
      };
    }
  }
  if (request.confirmToken !== undefined) {
    const check = tokens.check(request.confirmToken, subject);
    if (check.ok) return { kind: 'go' };
    const fresh = tokens.issue(subject);
    const why =
      check.why === 'expired'
        ? 'the confirm_token has expired'
        : check.why === 'malformed'
          ? 'the confirm_token is not one berth issued'
          : 'the plan changed since the confirm_token was issued (or the arguments differ)';
    const now = `${plan.targets.length} now: ${plan.targets.slice(0, 5).join(', ')}${plan.targets.length > 5 ? ', …' : ''}`;
    return {
      kind: 'refuse',
      audit: 'refused:PLAN_CHANGED',
      error: new ToolError(
        'PLAN_CHANGED',
        `${why}; nothing was done (${now}). To do the current plan, call again with confirm_token ${fresh}`,
      ),
    };
  }
  return {
    kind: 'answer',
    audit: 'planned',
    output: {
      rows: plan.rows,
      note: `Nothing was changed yet: this ${what}. To do exactly this plan, call again with the same arguments and confirm_token (valid ${minutes} min).`,
      confirm_token: tokens.issue(subject),
    },
  };
}
