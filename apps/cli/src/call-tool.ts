import type { RunToolOptions, ToolResult } from '@berth/tools/core';
import type { CommandKind } from './command-spec.js';
import { confirmFor } from './confirm-fn.js';
import type { Session } from './session.js';

export interface CallOptions {
  kind: CommandKind;
  /** The action edits berth's config and takes no `host`. */
  noHost?: boolean;
  /** Takes dry_run (a `lose` action, or one that asks about risks). */
  confirms?: boolean;
  progress?: RunToolOptions['progress'];
  /** This host instead of --host (a call per host of a fan-out's rows). */
  host?: string;
}

/**
 * One tool call through the same runner as the MCP tools: `--host` and `--dry-run` become
 * the envelope params, the CLI's caller and Ctrl-C signal go with it, and a data-losing
 * call is confirmed by the person (prompt or --yes).
 */
export async function callTool(
  session: Session,
  tool: string,
  params: Record<string, unknown>,
  options: CallOptions,
): Promise<ToolResult> {
  const [{ runTool }, context] = await Promise.all([import('@berth/tools/core'), session.context()]);
  const { dryRun } = session.globals;
  const host = options.host ?? session.globals.host;
  const args: Record<string, unknown> = { ...params };
  if (host !== undefined && !options.noHost && args.host === undefined) args.host = host;
  if (dryRun && (options.kind === 'lose' || options.confirms)) args.dry_run = true;
  return runTool(context, tool, args, {
    caller: session.caller,
    signal: session.signal,
    confirm: confirmFor(session),
    ...(options.progress ? { progress: options.progress } : {}),
  });
}
