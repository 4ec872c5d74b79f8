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

/**
 * `path` with every symlink on the host resolved (`realpath -m`: missing components are
 * kept as written), over the profile's connection: a link inside a root that points out of
 * it must not pass for inside. Roots are resolved the same way.
 */
export async function realPathOnHost(
  engine: HostEngine,
  path: string,
  signal?: AbortSignal,
): Promise<string> {
  const result = await engine.run(['realpath', '-m', hostPath(path, 'path')], signal ? { signal } : {});
  const real = result.stdout.trim();
  if (result.exitCode !== 0 || !real.startsWith('/')) {
    throw new MigrateError('ENGINE', `${engine.profile}: cannot resolve ${path}: ${result.stderr.trim()}`, {
      profile: engine.profile,
      path,
    });
  }
  return real;
}

/** Whether `path` lies under one of `roots` on the engine's host, symlinks resolved on both. */
export async function insideRootsOnHost(
  engine: HostEngine,
  roots: readonly string[],
  path: string,
  signal?: AbortSignal,
): Promise<boolean> {
  if (!insideRoots(roots, path)) return false;
  const real = await realPathOnHost(engine, path, signal);
  for (const root of roots) {
    if (insideRoots([await realPathOnHost(engine, root, signal)], real)) return true;
  }
  return false;
}
