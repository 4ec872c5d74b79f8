import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { HostCall } from '../framework/host-call.js';

const EVERY_MS = 1_000;

/**
 * Reports the bytes of a dump as it streams: the adapter writes it to a temp file beside
 * the destination (`.<name>.partial-*`) and moves it into place at the end, so the size of
 * that file is how far the dump has come. Returns the function that stops watching.
 */
export function watchDumpBytes(call: HostCall, destination: string, what: string): () => void {
  const dir = dirname(destination);
  const prefix = `.${basename(destination)}.partial-`;
  let last = -1;
  const tick = async () => {
    const temp = (await readdir(dir).catch(() => [])).find((name) => name.startsWith(prefix));
    if (temp === undefined) return;
    const bytes = (await stat(join(dir, temp)).catch(() => undefined))?.size;
    if (bytes === undefined || bytes === last) return;
    last = bytes;
    await call.progress(bytes, undefined, `${what}: ${bytes} bytes`);
  };
  const timer = setInterval(() => void tick(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
