import type { ToolOutput } from '@berth/tools/core';
import { callTool } from '../call-tool.js';
import { printError } from '../render/print-output.js';
import type { Session } from '../session.js';

/** One read through the runner: its output, or the exit code after its error line was printed. */
export async function readOnce(
  session: Session,
  params: Record<string, unknown>,
  host?: string,
): Promise<ToolOutput | number> {
  const result = await callTool(session, 'read', params, { kind: 'read', ...(host ? { host } : {}) });
  if (result.kind === 'ok') return result.output;
  if (result.kind === 'error') {
    // Ctrl-C during a read is the end of a stream, not a failure to report.
    if (session.signal.aborted) return 0;
    printError(session, result.error);
    return result.error.exitCode;
  }
  throw new Error('a read never waits for a confirmation');
}
