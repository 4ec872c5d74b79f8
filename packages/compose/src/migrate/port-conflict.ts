import type { ContainerSummary } from '@berth/engine';

const ANY = new Set(['0.0.0.0', '::', '']);

/**
 * The container on the target that publishes the same port, by name; undefined when free.
 * An address bound to all interfaces collides with every address of the same port.
 */
export function portConflict(
  port: { hostIp: string; hostPort: number; protocol: string },
  running: readonly ContainerSummary[],
): string | undefined {
  for (const c of running) {
    for (const p of c.ports) {
      if (p.hostPort !== port.hostPort || p.protocol !== port.protocol) continue;
      const ip = p.hostIp ?? '';
      if (ip === port.hostIp || ANY.has(ip) || ANY.has(port.hostIp)) return c.name;
    }
  }
  return undefined;
}
