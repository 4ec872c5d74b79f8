import type { ToolOutput } from '@berth/tools/core';
import { callTool } from './call-tool.js';
import type { CommandInput } from './command-spec.js';
import { EXIT_OK, exitCodeFor } from './exit-codes.js';
import { printError, printOutput } from './render/print-output.js';
import { renderTable } from './render/render-table.js';
import type { Session } from './session.js';
import type { Params, ToolCommandOptions } from './tool-command.js';

const withoutToken = ({ confirm_token: _t, ...output }: ToolOutput): ToolOutput => output;

/**
 * Runs the calls of one tool command and renders each answer. The exit code is the first
 * failure's (by the error spine), else 0: `rm a b` goes on after a fails, like docker.
 */
export async function runToolCommand(o: ToolCommandOptions, input: CommandInput, session: Session) {
  const given = await o.params(input, session);
  const calls = Array.isArray(given) ? given : [given];
  let exit = EXIT_OK;
  for (const params of calls) {
    if (session.signal.aborted) break;
    const code = await runOne(o, withPaging(o, input, params), session);
    if (exit === EXIT_OK) exit = code;
  }
  return exit;
}

function withPaging(o: ToolCommandOptions, input: CommandInput, params: Params): Params {
  if (!o.pages) return params;
  const { limit, cursor } = input.options;
  return {
    ...params,
    ...(limit !== undefined ? { limit } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
  };
}

async function runOne(o: ToolCommandOptions, params: Params, session: Session): Promise<number> {
  const progress = o.progress?.(session);
  const call = (p: Params) =>
    callTool(
      session,
      o.tool,
      { action: o.action, ...p },
      { kind: o.kind, noHost: o.noHost, confirms: o.risky, progress },
    );
  let result = await call(params).finally(() => (progress as { stop?: () => void } | undefined)?.stop?.());
  if (result.kind === 'error') {
    printError(session, result.error);
    return result.error.exitCode;
  }
  if (result.kind === 'pending') throw new Error('the CLI never defers a confirmation');
  let output = result.output;
  if (output.confirm_token !== undefined && !session.globals.dryRun) return refuse(o, output, session);
  if (output.confirm_token !== undefined)
    output = { ...withoutToken(output), note: 'Dry run: nothing was changed.' };
  // A person reading a table gets every page; a script with --json gets the tool's answer as is.
  while (!session.globals.json && o.pages && output.next && params.limit === undefined) {
    result = await call({ ...params, cursor: output.next });
    if (result.kind !== 'ok') break;
    const { next, note: _note, ...page } = result.output;
    output = { ...output, ...page, rows: [...output.rows, ...result.output.rows], next };
    if (!next) delete output.next;
  }
  if (!session.globals.json && output.next) {
    output = { ...output, note: `${output.note ?? ''} More rows: --cursor ${output.next}`.trim() };
  }
  if (o.render) return o.render(output, session);
  printOutput(session, output, { columns: o.columns, view: o.view });
  return EXIT_OK;
}

/** No terminal and no --yes: show what would go and refuse, never wait on stdin. */
function refuse(o: ToolCommandOptions, output: ToolOutput, session: Session): number {
  if (output.rows.length > 0) {
    session.warn(renderTable(output.rows, { width: session.io.columns, colors: session.err }));
  }
  const code = 'CONFIRMATION_REQUIRED';
  printError(session, {
    code,
    exitCode: exitCodeFor(code),
    message: `${o.path.join(' ')} would change the above and nobody can be asked here (no terminal); nothing was changed. Pass --yes to go ahead, or --dry-run to only see the plan`,
  });
  return exitCodeFor(code);
}
