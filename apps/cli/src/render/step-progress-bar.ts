import cliProgress from 'cli-progress';
import type { Session } from '../session.js';

/**
 * A bar fed by a tool's progress (`done`, `total`, message), drawn on stderr while the call
 * runs; stdout keeps the result. Without a total (a dump's bytes) the bar stays full and
 * the message says how far it has come.
 */
export function stepProgressBar(session: Session, label: string) {
  const bar = new cliProgress.SingleBar(
    {
      stream: session.io.stderr,
      format: `${label} [{bar}] {status}`,
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  session.signal.addEventListener('abort', () => bar.stop(), { once: true });
  const report = async (done: number, total?: number, message?: string) => {
    const of = total ?? Math.max(done, 1);
    const status = (message ?? '').slice(0, 70);
    if (!started) {
      bar.start(of, done, { status });
      started = true;
    } else {
      bar.setTotal(of);
      bar.update(done, { status });
    }
  };
  // Stopped when the call ends, so an error line never lands on the bar.
  return Object.assign(report, { stop: () => started && bar.stop() });
}
