import cliProgress from 'cli-progress';
import type { Session } from '../session.js';

const DONE = /^(Pull complete|Already exists)/;

/**
 * A bar of layers done out of layers seen, fed by the pull action's progress steps
 * (`<layer>: <status>`), drawn on stderr while the pull runs; stdout keeps the result.
 */
export function pullProgressBar(session: Session) {
  const bar = new cliProgress.SingleBar(
    {
      stream: session.io.stderr,
      format: 'pulling [{bar}] {value}/{total} layers | {status}',
      hideCursor: true,
      clearOnComplete: true,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const layers = new Map<string, boolean>();
  let started = false;
  session.signal.addEventListener('abort', () => bar.stop(), { once: true });
  const report = async (_done: number, _total?: number, message?: string) => {
    const m = /^([0-9a-f]{6,64}): (.*)$/.exec(message ?? '');
    if (m) layers.set(m[1] as string, layers.get(m[1] as string) === true || DONE.test(m[2] as string));
    const total = Math.max(layers.size, 1);
    const done = [...layers.values()].filter(Boolean).length;
    const status = (message ?? '').slice(0, 60);
    if (!started) {
      bar.start(total, done, { status });
      started = true;
    } else {
      bar.setTotal(total);
      bar.update(done, { status });
    }
    if (/^Status: |^Digest: /.test(message ?? '')) bar.stop();
  };
  // Stopped again when the call ends, so an error line never lands on the bar.
  return Object.assign(report, { stop: () => started && bar.stop() });
}
