import { sanitizeText } from '@berth/security';
import type { Caller } from './caller.js';
import type { ConfirmFn } from './confirm-plan.js';
import { deepMask } from './deep-mask.js';
import { type ErrorLine, errorLine } from './error-message.js';
import { fitAnswer } from './fit-answer.js';
import type { CallScope, ProgressFn } from './make-host-call.js';
import { parseRequest } from './parse-request.js';
import { runRead } from './run-read.js';
import { auditedErrors, runWrite } from './run-write.js';
import type { ToolContext } from './tool-context.js';
import { ToolError } from './tool-error.js';
import type { ToolOutput } from './tool-output.js';

export interface RunToolOptions {
  caller: Caller;
  /** Cancels the call (an MCP cancel, Ctrl-C, a closed HTTP request). */
  signal?: AbortSignal;
  /** Receives progress of long actions (pull); absent when nobody listens. */
  progress?: ProgressFn;
  /** Asks the user before a data-losing action; absent: a plan-bound token is the way. */
  confirm?: ConfirmFn;
}

/** The result of one call, the same for every app; each renders it its own way. */
export type ToolResult =
  | { kind: 'ok'; output: ToolOutput }
  | { kind: 'error'; error: ErrorLine }
  | { kind: 'pending'; value: unknown };

/**
 * A mutating call refused before it reached its action (bad arguments, an unknown host) is
 * audited too: an attempt is an attempt. Reads are not audited, and neither are calls the
 * action itself failed (run-write wrote their lines).
 */
async function auditRefusal(context: ToolContext, name: string, args: unknown, caller: Caller, code: string) {
  const spec = await context.tool(name);
  const given = (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>;
  const action =
    typeof given.action === 'string' && spec && Object.hasOwn(spec.actions, given.action)
      ? spec.actions[given.action]
      : undefined;
  if (!spec || Object.values(spec.actions).every((a) => a.effect === 'read') || action?.effect === 'read')
    return;
  if (!INVALID_BEFORE_ACTION.has(code)) return;
  await context.audit
    .append({
      caller,
      host: typeof given.host === 'string' ? given.host.slice(0, 100) : '(default)',
      tool: spec.name,
      action: typeof given.action === 'string' ? given.action.slice(0, 40) : '',
      target: '',
      outcome: `refused:${code}`,
    })
    .catch((error: unknown) => context.logger.warn({ err: error }, 'audit log write failed'));
}

/** Codes of refusals that happen before an action runs (run-write audits everything after). */
const INVALID_BEFORE_ACTION = new Set(['INVALID', 'UNKNOWN_HOST']);

/**
 * Runs one tool call: validates, resolves the host(s), runs the action with a host-bound
 * engine client, masks, audits and returns a structured result within `limits.bytes`. The
 * one way every app (MCP server, gateway, CLI) and every library caller invokes a tool.
 */
export async function runTool(
  context: ToolContext,
  name: string,
  args: unknown,
  options: RunToolOptions,
): Promise<ToolResult> {
  const masker = context.masker.fork();
  const started = performance.now();
  try {
    const spec = await context.tool(name);
    if (!spec) {
      const known = context.toolNames.join(', ');
      throw new ToolError('INVALID', `Unknown tool '${name.slice(0, 60)}'; tools: ${known}`);
    }
    const request = parseRequest(spec, args);
    const directory = await context.hosts();
    const scope: CallScope = {
      context,
      directory,
      tool: spec.name,
      caller: options.caller,
      masker,
      progress: options.progress,
    };
    const signal = options.signal ?? new AbortController().signal;
    const outcome =
      request.action.effect === 'read'
        ? { output: await runRead(scope, request, signal) }
        : await runWrite(scope, request, signal, options.confirm);
    if ('pending' in outcome) return { kind: 'pending', value: outcome.pending };
    // The token is berth's own, not a secret of the engine: masking it by its key name would break it.
    const { confirm_token, ...shown } = outcome.output;
    // Cut after masking: a cut through a secret would leave its head unmasked.
    const output = fitAnswer(deepMask(shown, masker) as ToolOutput, context.limits.bytes);
    if (confirm_token !== undefined) output.confirm_token = confirm_token;
    context.logger.debug({ tool: spec.name, ms: Math.round(performance.now() - started) }, 'tool call');
    return { kind: 'ok', output };
  } catch (error) {
    const line = errorLine(error);
    context.logger.debug({ tool: name, code: line.code, err: error }, 'tool call failed');
    if (!(typeof error === 'object' && error !== null && auditedErrors.has(error))) {
      await auditRefusal(context, name, args, options.caller, line.code);
    }
    // Messages can quote what an engine or a container said: cleaned like any answer.
    return { kind: 'error', error: { ...line, message: masker.maskText(sanitizeText(line.message)) } };
  }
}
