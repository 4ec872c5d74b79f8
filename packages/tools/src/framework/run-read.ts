import type { ServerContext } from '@modelcontextprotocol/server';
import { type ErrorLine, errorLine, MappedError } from './error-message.js';
import { hostCall } from './host-call.js';
import { resolveHosts } from './host-param.js';
import type { ParsedRequest } from './parse-request.js';
import { DEFAULT_LIMITS, shapeRows } from './shape-rows.js';
import type { ToolBackend } from './tool-backend.js';
import type { ToolContext } from './tool-context.js';
import { ToolError } from './tool-error.js';
import type { Row, ToolOutput } from './tool-output.js';
import type { ToolSpec } from './tool-spec.js';

/**
 * Runs a read action on every asked host at once. Hosts that fail are reported beside
 * the rows of hosts that answered; only when all fail is the call an error.
 */
export async function runRead(
  spec: ToolSpec,
  request: ParsedRequest,
  backend: ToolBackend,
  context: ToolContext,
  ctx: ServerContext,
): Promise<ToolOutput> {
  const { hosts, fanOut } =
    request.host === undefined && request.action.allHosts
      ? { hosts: backend.hosts().map((h) => h.name), fanOut: true }
      : resolveHosts(request.host, backend);
  const answers = await Promise.all(
    hosts.map(async (host) => {
      try {
        const result = await request.action.run(
          request.params,
          hostCall(host, backend, context, ctx, spec.name),
        );
        const rows = Array.isArray(result) ? result : [result];
        return { host, rows: fanOut ? rows.map((row) => ({ host, ...row })) : rows };
      } catch (error) {
        return { host, error, line: errorLine(error, host) };
      }
    }),
  );
  const rows: Row[] = [];
  const failed: { host: string; error: unknown; line: ErrorLine }[] = [];
  for (const answer of answers) {
    if (answer.line) failed.push({ host: answer.host, error: answer.error, line: answer.line });
    else if (answer.rows) rows.push(...answer.rows);
  }
  if (failed.length > 0 && failed.length === hosts.length) {
    // One host: its own error, mapped once by the caller. Several: one line naming each.
    const only = failed[0];
    if (failed.length === 1 && only) throw new MappedError(only.line, { cause: only.error });
    throw new ToolError(
      'FAILED',
      `All ${failed.length} hosts failed: ${failed.map((f) => f.line.message).join('; ')}`,
    );
  }
  const { fields, limit, cursor } = request.params as { fields?: string[]; limit?: number; cursor?: string };
  const output = shapeRows(rows, { fields, limit, cursor, fanOut }, context.limits ?? DEFAULT_LIMITS);
  if (failed.length > 0) output.errors = failed.map(({ host, line }) => ({ host, error: line.message }));
  return output;
}
