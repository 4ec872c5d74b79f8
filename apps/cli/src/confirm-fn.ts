import type { ConfirmFn, ConfirmRequest } from '@berth/tools/core';
import { renderTable } from './render/render-table.js';
import type { Session } from './session.js';

/**
 * Who says yes to a data-losing call. `--yes`: the person said so on the command line. On
 * a terminal: the person is asked, with the plan. Otherwise nobody can be asked: the
 * runner answers with the plan instead, and the command refuses (it never waits on stdin).
 */
export function confirmFor(session: Session): ConfirmFn {
  if (session.globals.yes) return async () => ({ state: 'yes' });
  if (session.io.interactive) return (request) => askOnTerminal(session, request);
  return Object.assign(async () => ({ state: 'unavailable' as const }), { available: false });
}

async function askOnTerminal(session: Session, request: ConfirmRequest) {
  const { io } = session;
  const what = request.plan.rows.length > 0 ? 'this' : 'it';
  session.warn(session.err.yellow(`${request.action} on ${request.host} would do ${what}:`));
  if (request.plan.rows.length > 0) {
    session.warn(renderTable(request.plan.rows, { width: io.columns, colors: session.err }));
  }
  const { confirm, isCancel } = await import('@clack/prompts');
  const answer = await confirm({
    message: 'Go ahead?',
    initialValue: false,
    input: io.stdin,
    output: io.stderr,
    signal: session.signal,
  });
  return { state: !isCancel(answer) && answer === true ? ('yes' as const) : ('no' as const) };
}
