import { COMPOSE_LABELS } from '@berth/discovery';
import type { ContainerSummary, HostEngine } from '@berth/engine';
import type { PlannedPort } from './migration-plan.js';
import { portConflict } from './port-conflict.js';

type Bindings = Record<string, Array<{ HostIp?: string; HostPort?: string }> | null>;

/**
 * The host ports a stack publishes, each with the container on the target that publishes
 * it already (added to `blockers`).
 */
export async function planPorts(
  stack: readonly ContainerSummary[],
  source: HostEngine,
  targetEngine: HostEngine,
  blockers: string[],
  signal?: AbortSignal,
): Promise<PlannedPort[]> {
  const call = signal ? { signal } : {};
  const busy = (await targetEngine.containers.list({ all: false, ...call })).items;
  const ports: PlannedPort[] = [];
  for (const c of stack) {
    // From the container's configuration, not its live ports: a stopped stack publishes none.
    const bindings = (await source.containers.inspect(c.id, call)).HostConfig.PortBindings ?? {};
    for (const [key, list] of Object.entries(bindings as Bindings)) {
      const [, protocol = 'tcp'] = key.split('/');
      for (const b of list ?? []) {
        const hostPort = Number(b.HostPort);
        if (!Number.isInteger(hostPort) || hostPort <= 0) continue;
        const port: PlannedPort = {
          service: c.labels[COMPOSE_LABELS.service] ?? c.name,
          hostIp: b.HostIp || '0.0.0.0',
          hostPort,
          protocol,
        };
        const conflict = portConflict(port, busy);
        if (conflict) {
          port.conflict = conflict;
          blockers.push(
            `port ${port.hostPort}/${port.protocol} is taken on ${targetEngine.profile} by ${conflict}`,
          );
        }
        ports.push(port);
      }
    }
  }

  return ports;
}
