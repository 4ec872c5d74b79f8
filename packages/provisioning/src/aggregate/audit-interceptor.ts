import type { CallToolResult } from '@modelcontextprotocol/client';
import { ERROR_CODE_META_KEY, type ToolCallInterceptor } from './tool-call-interceptor.js';
import type { CallerIdentity } from './tool-source.js';

/** The tool core's audit entry (`AuditEntry` of @berth/tools), so both write one format. */
export interface AuditLine {
  caller: CallerIdentity;
  host: string;
  tool: string;
  action: string;
  target: string;
  outcome: string;
}

/** Anything that appends audit lines: the tool core's `AuditLog` fits. */
export interface AuditSink {
  append(entry: AuditLine): Promise<void>;
}

/** `ok`, or the code the aggregator put on a failed call, else `error:TOOL_ERROR` (the server said isError). */
function outcomeOf(result: CallToolResult): string {
  if (!result.isError) return 'ok';
  const code = result._meta?.[ERROR_CODE_META_KEY];
  return `error:${typeof code === 'string' ? code : 'TOOL_ERROR'}`;
}

/**
 * Audits every call to another server with its caller: a `started` line before the call
 * (when it cannot be written, the call is refused, as the tool core does), then `ok` or
 * `error:…`. `host` is `mcp:<server>`, `tool` the server's own tool name, and no
 * arguments are written: they may carry secrets. berth's own tools audit in their runner.
 */
export function auditInterceptor(audit: AuditSink): ToolCallInterceptor {
  const line = (caller: CallerIdentity, server: string, tool: string, outcome: string): AuditLine => ({
    caller,
    host: `mcp:${server}`,
    tool,
    action: 'call',
    target: '',
    outcome,
  });
  return {
    name: 'audit',
    async before(call) {
      if (call.audited) return call;
      try {
        await audit.append(line(call.caller, call.source, call.tool, 'started'));
      } catch {
        return { refuse: 'The audit line could not be written, so the call did not run (AUDIT_FAILED).' };
      }
      return call;
    },
    async after(call, result) {
      if (!call.audited) {
        // The call has run: a failed last line must not hide its result.
        await audit.append(line(call.caller, call.source, call.tool, outcomeOf(result))).catch(() => {});
      }
      return result;
    },
  };
}
