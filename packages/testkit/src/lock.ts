import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestkitError } from './testkit-error.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A cross-process lock (mkdir is atomic), so two test processes never build the same
 * fixture image at once. A lock whose owner died is taken over.
 */
export async function withLock<T>(name: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const dir = join(tmpdir(), `berth-testkit-${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, 'pid'), String(process.pid));
      break;
    } catch {
      let owner = Number.NaN;
      try {
        owner = Number(readFileSync(join(dir, 'pid'), 'utf8'));
      } catch {}
      if (Number.isInteger(owner) && !alive(owner)) rmSync(dir, { recursive: true, force: true });
      else if (Date.now() > deadline)
        throw new TestkitError('TIMEOUT', `waited ${timeoutMs} ms for lock ${dir}`);
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
