import { realpath as fsRealpath } from 'node:fs/promises';
import { posix } from 'node:path';

/**
 * Where a path lies relative to a root. `inside` only when every symlink on the way was
 * resolved and the result is the root or below it.
 */
export interface Containment {
  inside: boolean;
  /** The path as checked: symlinks of its existing prefix resolved (lexically normalised for remote hosts). */
  resolved: string;
  /** Why it is not inside: outside the root, a `..` (never resolved, refused), not absolute, or unresolvable. */
  reason?: 'outside' | 'dot-dot' | 'relative' | 'unresolvable';
}

export interface RealPathOptions {
  /** Injected for tests; default node's realpath. */
  realpath?: (path: string) => Promise<string>;
}

/** A `..` is refused, not resolved: `link/..` is the link target's parent, which lexical clean-up gets wrong. */
function shapeProblem(path: string): Containment['reason'] | undefined {
  if (!posix.isAbsolute(path) || path.includes('\0')) return 'relative';
  if (path.split('/').includes('..')) return 'dot-dot';
  return undefined;
}

function isWithin(root: string, path: string): boolean {
  return path === root || path.startsWith(root === '/' ? '/' : `${root}/`);
}

/**
 * `path` with the symlinks of its longest existing prefix resolved; the missing rest is
 * appended as written (it holds no symlink yet). Undefined when a component cannot be
 * resolved for another reason (permissions, a loop): nobody can say where it leads.
 */
export async function resolveRealPath(
  path: string,
  options: RealPathOptions = {},
): Promise<string | undefined> {
  if (shapeProblem(path)) return undefined;
  const realpath = options.realpath ?? fsRealpath;
  let head = posix.normalize(path);
  const rest: string[] = [];
  for (;;) {
    try {
      const real = await realpath(head);
      return rest.length === 0 ? real : posix.join(real, ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || head === '/') return undefined;
      rest.push(posix.basename(head));
      head = posix.dirname(head);
    }
  }
}

/**
 * Whether `path` on this machine lies in `root`, symlinks resolved on both (a link inside
 * the root that points out of it is outside). Refuses `..` and relative paths outright.
 */
export async function containPath(
  root: string,
  path: string,
  options: RealPathOptions = {},
): Promise<Containment> {
  const problem = shapeProblem(path) ?? shapeProblem(root);
  if (problem) return { inside: false, resolved: path, reason: problem };
  const [realRoot, real] = await Promise.all([
    resolveRealPath(root, options),
    resolveRealPath(path, options),
  ]);
  if (real === undefined || realRoot === undefined) {
    return { inside: false, resolved: real ?? path, reason: 'unresolvable' };
  }
  return isWithin(realRoot, real)
    ? { inside: true, resolved: real }
    : { inside: false, resolved: real, reason: 'outside' };
}

/**
 * The same check for a path on another machine, where symlinks cannot be followed: a
 * lexical comparison after normalisation, `..` and relative paths refused.
 */
export function containPathLexically(root: string, path: string): Containment {
  const problem = shapeProblem(path) ?? shapeProblem(root);
  if (problem) return { inside: false, resolved: path, reason: problem };
  const clean = posix.normalize(path).replace(/(.)\/+$/, '$1');
  const cleanRoot = posix.normalize(root).replace(/(.)\/+$/, '$1');
  return isWithin(cleanRoot, clean)
    ? { inside: true, resolved: clean }
    : { inside: false, resolved: clean, reason: 'outside' };
}
