import type { Session } from '../session.js';

/**
 * Progress of a compose job (up, deploy, pull, build): compose's own lines, dimmed on
 * stderr as they come, on a terminal only; stdout keeps the result, scripts get nothing.
 */
export function composeProgress(session: Session) {
  if (session.globals.json || !session.io.interactive) return undefined;
  return async (_done: number, _total?: number, message?: string) => {
    if (message) session.warn(session.err.dim(message));
  };
}
