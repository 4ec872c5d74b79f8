import { posix } from 'node:path';
import type { HostEngine } from '@berth/engine';
import { containPathLexically } from '@berth/security';
import { MigrateError } from './migrate-error.js';

/** An absolute, `..`-free path on an engine host, or INVALID. */
export function hostPath(path: string, field: string): string {
  const checked = containPathLexically('/', path);
  if (!checked.inside)
    throw new MigrateError('INVALID', `${field}: "${path}" is not an absolute path without ".."`, { field });
  return checked.resolved;
}

/** Whether `path` lies under one of `roots` (compared lexically: the host may be remote). */
export function insideRoots(roots: readonly string[], path: string): boolean {
  return roots.some((root) => containPathLexically(root, path).inside);
}

/** Whether `path` exists on the engine's host (`test -e`, run over the profile's connection). */
export async function existsOnHost(engine: HostEngine, path: string, signal?: AbortSignal): Promise<boolean> {
  const result = await engine.run(['test', '-e', hostPath(path, 'path')], signal ? { signal } : {});
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  throw new MigrateError(
    'ENGINE',
    `${engine.profile}: cannot tell whether ${path} exists: ${result.stderr.trim()}`,
    {
      profile: engine.profile,
      path,
    },
  );
}

/**
 * The topmost of `path` and its parents that does not exist on the host: what removing
 * undoes creating `path` (with `mkdir -p` or a write). Undefined when `path` exists.
 */
export async function firstMissing(
  engine: HostEngine,
  path: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  let missing: string | undefined;
  for (let at = hostPath(path, 'path'); at !== '/'; at = posix.dirname(at)) {
    if (await existsOnHost(engine, at, signal)) return missing;
    missing = at;
  }
  return missing;
}
