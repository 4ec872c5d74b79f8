/* Test-only: compose fixture trees in a temporary directory (never exported from index.ts). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface FixtureTree extends Disposable {
  root: string;
  path(...parts: string[]): string;
}

/** Writes `files` (relative path -> text) under a new temporary directory. */
export function fixtureTree(files: Record<string, string>, prefix = 'berth-discovery-'): FixtureTree {
  const root = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return {
    root,
    path: (...parts) => join(root, ...parts),
    [Symbol.dispose]: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** An environment with nothing from the machine in it, so tests see only what they set. */
export const cleanEnv = (extra: Record<string, string> = {}) => ({ HOME: '/home/tester', ...extra });
