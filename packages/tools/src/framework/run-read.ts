import { fanOut } from '@berth/engine';
import { type ErrorLine, errorLine, MappedError } from './error-message.js';
import { resolveHosts } from './host-param.js';
import { type CallScope, makeHostCall } from './make-host-call.js';
import type { ParsedRequest } from './parse-request.js';
import { shapeRows } from './shape-rows.js';
import { ToolError } from './tool-error.js';
import type { Row, ToolOutput } from './tool-output.js';

/** Hosts read at once; more wait for a free slot. */
const CONCURRENCY = 8;

/**
 * Runs a read action on every asked host through the engine's fan-out: a concurrency cap
 * and a per-host deadline (the profile's timeout, or the action's longer one), so a hung
 * host answers TIMEOUT on time and never holds the others. Hosts that fail are reported
 * beside the rows of hosts that answered; only when all fail is the call an error.
 */
export async function runRead(
  scope: CallScope,
  request: ParsedRequest,
  signal: AbortSignal,
): Promise<ToolOutput> {
  const { directory } = scope;
  const all = directory.list();
  const { hosts, fanOut: many } =
    request.host === undefined && request.action.allHosts
      ? { hosts: all.map((h) => h.name), fanOut: true }
      : resolveHosts(request.host, all, directory.defaultHost);
  const summaries = new Map(all.map((h) => [h.name, h]));
  // Each host ends by its own deadline: the action's longer one, else its profile's.
  const deadline = (h: string) => request.action.deadlineMs ?? summaries.get(h)?.timeoutMs ?? 30_000;
  // The operation keeps its own failures (their codes and hints intact); fanOut's own
  // errors are the per-host deadline and cancellation.
  type Answer = { rows: Row[] } | { error: unknown };
  const results = await fanOut<Answer>(
    hosts,
    async (name, { signal: hostSignal }) => {
      const summary = summaries.get(name);
      if (!summary) return { error: new ToolError('UNKNOWN_HOST', `Unknown host '${name}'`) };
      try {
        const result = await request.action.run(request.params, makeHostCall(scope, summary, hostSignal));
        const rows = Array.isArray(result) ? result : [result];
        return { rows: many ? rows.map((row) => ({ host: name, ...row })) : rows };
      } catch (error) {
        return { error };
      }
    },
    { concurrency: CONCURRENCY, timeoutMs: deadline, signal },
  );
  const rows: Row[] = [];
  const failed: { host: string; error: unknown; line: ErrorLine }[] = [];
  for (const r of results) {
    const error = !r.ok ? r.error : 'error' in r.value ? r.value.error : undefined;
    if (error === undefined && r.ok && 'rows' in r.value) rows.push(...r.value.rows);
    else failed.push({ host: r.name, error, line: errorLine(error, r.name) });
  }
  if (failed.length > 0 && failed.length === hosts.length) {
    const only = failed[0];
    if (failed.length === 1 && only) throw new MappedError(only.line, { cause: only.error });
    throw new ToolError(
      'FAILED',
      `All ${failed.length} hosts failed: ${failed.map((f) => f.line.message).join('; ')}`,
    );
  }
  const { fields, limit, cursor } = request.params as { fields?: string[]; limit?: number; cursor?: string };
  const output = shapeRows(
    rows,
    { fields, limit, cursor, fanOut: many, key: request.action.key },
    scope.context.limits,
  );
  if (failed.length > 0) output.errors = failed.map(({ host, line }) => ({ host, error: line.message }));
  return output;
}
