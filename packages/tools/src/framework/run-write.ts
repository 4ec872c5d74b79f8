import type { InputRequiredResult, McpServer, ServerContext } from '@modelcontextprotocol/server';
import { askConfirmation, clientCanElicit } from './confirm.js';
import { errorLine } from './error-message.js';
import { hostCall } from './host-call.js';
import { resolveHosts } from './host-param.js';
import type { ParsedRequest } from './parse-request.js';
import type { ToolBackend } from './tool-backend.js';
import type { ToolContext } from './tool-context.js';
import { ToolError } from './tool-error.js';
import { type Row, renderText, type ToolOutput } from './tool-output.js';
import type { ToolSpec } from './tool-spec.js';

/**
 * Runs a mutating action on one host: refuses read-only profiles, answers dry runs with
 * the plan, asks the user to confirm destructive actions when the client can, and writes
 * every attempt to the audit log.
 */
export async function runWrite(
  spec: ToolSpec,
  request: ParsedRequest,
  backend: ToolBackend,
  context: ToolContext,
  server: McpServer,
  ctx: ServerContext,
): Promise<ToolOutput | InputRequiredResult> {
  const [host] = resolveHosts(request.host, backend).hosts;
  if (host === undefined) throw new ToolError('UNKNOWN_HOST', 'No host configured; add a profile');
  const call = hostCall(host, backend, context, ctx, spec.name);
  const { action, actionName, params } = request;
  if (call.host.readOnly) {
    throw new ToolError(
      'READ_ONLY',
      `Host '${host}' is read-only (its profile sets readOnly); ${actionName} is refused, read tools still work`,
    );
  }
  const target = action.target?.(params) ?? '';
  const audit = (outcome: string) =>
    context.audit?.append({ host, tool: spec.name, action: actionName, target, outcome }) ??
    Promise.resolve();
  if (spec.safety === 'destructive') {
    const plan = async (): Promise<Row[]> =>
      action.plan ? action.plan(params, call) : [{ action: actionName, target, host }];
    if (request.dryRun) return { rows: await plan(), note: 'Dry run: nothing was changed.' };
    if (clientCanElicit(server, ctx)) {
      const asked = await askConfirmation(
        ctx,
        async () => `Confirm on host ${host}:\n${renderText({ rows: await plan() })}`,
      );
      if (asked.state === 'ask') return asked.result;
      if (asked.state === 'declined') {
        await audit('declined');
        throw new ToolError(
          'DECLINED',
          `The user declined ${actionName} ${target} on ${host}; nothing changed`,
        );
      }
    }
  }
  try {
    const result = await action.run(params, call);
    await audit('ok');
    return { rows: Array.isArray(result) ? result : [result] };
  } catch (error) {
    await audit(`error:${errorLine(error).code}`);
    throw error;
  }
}
