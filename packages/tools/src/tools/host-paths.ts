import { posix } from 'node:path';
import type { Profile } from '@berth/config';
import { resolveRealPath } from '@berth/security';
import type { HostCall } from '../framework/host-call.js';

/** Paths as the engine's host sees them: symlinks resolved where berth can look. */
export interface HostPaths {
  /** Each path resolved on the engine's host; undefined where nobody can say where it leads. */
  resolve(paths: string[]): Promise<Array<string | undefined>>;
  /** Where the engine's socket is on that host (unresolved). */
  sockets: string[];
  /** Resolution follows symlinks (false: compared as written, after normalisation). */
  followsLinks: boolean;
}

const DEFAULT_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];

/**
 * Local profiles: this machine's realpath. SSH profiles: `realpath -m` on the far host
 * over the profile's own connection (argv, quoted by the SSH transport), so a symlink
 * planted inside a root there still counts as where it leads; a host without GNU realpath
 * resolves nothing, and every bind there is then a risk. TCP profiles cannot run a
 * command: paths compare as written.
 */
export function hostPaths(profile: Profile | undefined, call: HostCall): HostPaths {
  if (profile?.type === 'local') {
    return {
      resolve: (paths) => Promise.all(paths.map((p) => resolveRealPath(p))),
      sockets: [...DEFAULT_SOCKETS, ...(profile.socketPath ? [profile.socketPath] : [])],
      followsLinks: true,
    };
  }
  if (profile?.type === 'ssh') {
    return {
      resolve: (paths) => resolveOverSsh(call, paths),
      sockets: [...DEFAULT_SOCKETS, profile.remoteSocket],
      followsLinks: true,
    };
  }
  return {
    resolve: async (paths) =>
      paths.map((p) => (p.split('/').includes('..') ? undefined : posix.normalize(p))),
    sockets: DEFAULT_SOCKETS,
    followsLinks: false,
  };
}

async function resolveOverSsh(call: HostCall, paths: string[]): Promise<Array<string | undefined>> {
  if (paths.length === 0) return [];
  const safe = paths.filter((p) => p.startsWith('/') && !p.split('/').includes('..'));
  if (safe.length !== paths.length) return paths.map(() => undefined);
  // A failing connection fails the call with its own error; a missing GNU realpath resolves nothing.
  const engine = await call.engine();
  const out = await engine.run(['realpath', '-m', '-z', '--', ...paths]);
  const resolved = out.stdout.split('\0').slice(0, -1);
  if (out.exitCode !== 0 || out.truncated || resolved.length !== paths.length)
    return paths.map(() => undefined);
  return resolved.map((r) => (r.startsWith('/') ? r : undefined));
}
