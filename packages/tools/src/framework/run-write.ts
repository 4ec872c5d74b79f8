import type { AuditEntry } from './audit-log.js';
import { type ConfirmFn, confirmPlan } from './confirm-plan.js';
import { errorLine } from './error-message.js';
import { resolveHosts } from './host-param.js';
import type { HostSummary } from './host-summary.js';
import { type CallScope, makeHostCall } from './make-host-call.js';
import type { ParsedRequest } from './parse-request.js';
import { ToolError } from './tool-error.js';
import type { ToolOutput } from './tool-output.js';
import type { Plan } from './tool-spec.js';

/** Errors whose outcome run-write already audited (the runner audits the other refusals). */
export const auditedErrors = new WeakSet<object>();

function markAudited(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) auditedErrors.add(error);
  return error;
}

export type WriteOutcome = { output: ToolOutput } | { pending: unknown };

/** The host a mutating action acts on; config-only actions act on berth's config instead. */
function targetHost(scope: CallScope, request: ParsedRequest): HostSummary {
  const all = scope.directory.list();
  if (request.action.configOnly) {
    const name = all.find((h) => h.isDefault)?.name;
    return (
      all.find((h) => h.name === name) ?? {
        name: '-',
        type: 'none',
        readOnly: false,
        isDefault: false,
        noConfirm: false,
        timeoutMs: 30_000,
      }
    );
  }
  const [name] = resolveHosts(request.host, all, scope.directory.defaultHost).hosts;
  const host = all.find((h) => h.name === name);
  if (!host) throw new ToolError('UNKNOWN_HOST', 'No host configured; add a profile');
  return host;
}

/**
 * Runs a mutating action on one host: refuses read-only profiles, answers dry runs and
 * unconfirmed data-losing calls with the plan, and audits every attempt. The `started`
 * line is written before anything is done: a call that cannot be audited does not run.
 */
export async function runWrite(
  scope: CallScope,
  request: ParsedRequest,
  signal: AbortSignal,
  confirm: ConfirmFn | undefined,
): Promise<WriteOutcome> {
  const host = targetHost(scope, request);
  const call = makeHostCall(scope, host, signal);
  const { action, actionName, params } = request;
  const entry = (outcome: string): AuditEntry => ({
    caller: scope.caller,
    host: request.action.configOnly ? 'config' : host.name,
    tool: scope.tool,
    action: actionName,
    target: action.target?.(params) ?? '',
    outcome,
  });
  const audit = async (outcome: string) => {
    try {
      await scope.context.audit.append(entry(outcome));
    } catch (error) {
      throw new ToolError(
        'AUDIT_FAILED',
        `The audit log ${scope.context.audit.path ?? ''} cannot be written (${(error as Error).message}); ${actionName} was not run`,
        {},
        { cause: error },
      );
    }
  };
  if (!action.configOnly && host.readOnly) {
    await audit('refused:READ_ONLY');
    throw markAudited(
      new ToolError(
        'READ_ONLY',
        `Host '${host.name}' is read-only (its profile sets readOnly); ${actionName} is refused, read tools still work`,
      ),
    );
  }
  let plan: Plan | undefined;
  try {
    plan =
      action.effect === 'lose' && action.plan
        ? await action.plan(params, call)
        : await action.risks?.(params, call);
  } catch (error) {
    // Planning failed (nothing by that name, a risk refused): an attempt all the same.
    await audit(`refused:${errorLine(error).code}`);
    throw markAudited(error);
  }
  // A dry run never acts, even when this call has nothing to confirm.
  if (!plan && request.dryRun) {
    await audit('dry-run');
    return {
      output: {
        rows: [],
        note: 'Dry run: this call takes no risk that needs confirming; nothing was changed.',
      },
    };
  }
  if (plan) {
    const decision = await confirmPlan({
      scope,
      request,
      host,
      plan,
      confirm,
      loses: action.effect === 'lose',
    });
    if (decision.kind !== 'go') {
      await audit(decision.audit);
      if (decision.kind === 'answer') return { output: decision.output };
      if (decision.kind === 'pending') return { pending: decision.value };
      throw markAudited(decision.error);
    }
  }
  await audit('started');
  try {
    const result = await action.run(params, call, plan);
    await scope.context.audit.append(entry('ok')).catch(() => {});
    return { output: { rows: Array.isArray(result) ? result : [result] } };
  } catch (error) {
    await scope.context.audit.append(entry(`error:${errorLine(error).code}`)).catch(() => {});
    throw markAudited(error);
  }
}
