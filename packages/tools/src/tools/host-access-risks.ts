import { posix } from 'node:path';
import type { MountSpec } from '@berth/engine';
import { containPathLexically } from '@berth/security';
import { errorLine } from '../framework/error-message.js';
import type { HostCall } from '../framework/host-call.js';
import type { HostPaths } from './host-paths.js';

/** One way a container would reach its host, as a plan row and a token target. */
export interface HostAccessRisk {
  name: string;
  /** For the plan row: what it gives the container. */
  note: string;
  /** Short, for a refusal line. */
  brief: string;
  /** Stable identity the confirmation token is bound to. */
  target: string;
}

export interface HostAccessCheck {
  risks: HostAccessRisk[];
  /** The mounts to create: bind sources replaced by the paths that were checked. */
  mounts: MountSpec[];
}

const within = (root: string, path: string) => containPathLexically(root, path).inside;

/** The bind gives the engine's socket: the socket itself, a path named like one, or a folder holding it. */
function givesSocket(source: string, real: string, sockets: string[]): boolean {
  return (
    posix.basename(real) === 'docker.sock' ||
    posix.basename(source) === 'docker.sock' ||
    sockets.some((socket) => within(real, socket))
  );
}

/**
 * The binds of a container spec that reach the host: outside the profile's bindRoots
 * (symlinks resolved where the host can be asked), or giving the Docker socket.
 */
export async function bindRisks(
  mounts: MountSpec[],
  roots: string[],
  paths: HostPaths,
): Promise<HostAccessCheck> {
  const binds = mounts.filter((m) => m.type === 'bind' && m.source !== undefined);
  if (binds.length === 0) return { risks: [], mounts };
  const sources = binds.map((m) => m.source as string);
  const resolved = await paths.resolve([...roots, ...paths.sockets, ...sources]);
  const realRoots = resolved.slice(0, roots.length).filter((r): r is string => r !== undefined);
  const sockets = resolved
    .slice(roots.length, roots.length + paths.sockets.length)
    .filter((r): r is string => r !== undefined);
  const realOf = new Map(sources.map((s, i) => [s, resolved[roots.length + paths.sockets.length + i]]));
  const risks: HostAccessRisk[] = [];
  for (const source of new Set(sources)) {
    const real = realOf.get(source);
    const shown = real !== undefined && real !== source ? `${source} (resolves to ${real})` : source;
    if (real === undefined) {
      risks.push({
        name: source,
        note: 'cannot be resolved on the host: it may lead anywhere',
        brief: `bind ${source} (unresolvable)`,
        target: `bind ${source}`,
      });
      continue;
    }
    if (!realRoots.some((root) => within(root, real))) {
      risks.push({
        name: source,
        note: `${real !== source ? `resolves to ${real}, ` : ''}outside bindRoots: the host's files`,
        brief: `bind ${shown}`,
        target: `bind ${real}`,
      });
    }
    if (givesSocket(source, real, [...sockets, ...paths.sockets])) {
      risks.push({
        name: source,
        note: `${real !== source ? `resolves to ${real}, ` : ''}reaches the Docker socket: the engine and its host`,
        brief: `the Docker socket (via ${source})`,
        target: `docker socket ${real}`,
      });
    }
  }
  const checked = mounts.map((m) =>
    m.type === 'bind' && m.source !== undefined && realOf.get(m.source) !== undefined
      ? { ...m, source: realOf.get(m.source) as string }
      : m,
  );
  return { risks, mounts: paths.followsLinks ? checked : mounts };
}

/** `host` (or a network whose driver is host) and `container:<x>` share a namespace the container should not have. */
export async function networkRisk(
  network: string | undefined,
  call: HostCall,
): Promise<HostAccessRisk | undefined> {
  if (network === undefined || ['bridge', 'none', 'default'].includes(network)) return undefined;
  const host: HostAccessRisk = {
    name: network,
    note: "the host's network: every port and interface of the host",
    brief: "the host's network",
    target: 'network host',
  };
  if (network === 'host') return host;
  if (network.includes(':')) {
    return {
      name: network,
      note: "another container's network namespace, which may be the host's",
      brief: `network ${network}`,
      target: `network ${network}`,
    };
  }
  // A network id names the host network too; the engine says which driver it has.
  try {
    const info = await (await call.engine()).networks.inspect(network);
    return info.Driver === 'host' ? { ...host, name: network } : undefined;
  } catch (error) {
    if (errorLine(error).code === 'NOT_FOUND') return undefined;
    throw error;
  }
}
