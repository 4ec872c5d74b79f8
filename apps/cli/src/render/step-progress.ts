import type { Session } from '../session.js';

type Bar = ReturnType<typeof import('./step-progress-bar.js').stepProgressBar>;

/**
 * The `progress` of a long tool command (backup, restore, migrate): a bar on stderr on a
 * terminal only; the bar's code (cli-progress) loads on the first report, never at start.
 */
export function stepProgress(label: string) {
  return (session: Session) => {
    if (session.globals.json || !session.io.interactive) return undefined;
    let bar: Bar | undefined;
    let loading: Promise<Bar> | undefined;
    const report = async (done: number, total?: number, message?: string) => {
      loading ??= import('./step-progress-bar.js').then((m) => m.stepProgressBar(session, label));
      bar = await loading;
      await bar(done, total, message);
    };
    return Object.assign(report, { stop: () => bar?.stop() });
  };
}
