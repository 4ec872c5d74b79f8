import { inspectContainer, listContainers } from '@berth/engine';
import type Docker from 'dockerode';
import type { Row } from '../framework/tool-output.js';
import type { HostCall } from '../framework/tool-spec.js';

/** States in which a container holds its published ports. */
const LIVE = new Set(['running', 'paused', 'restarting']);

/** One host port a container publishes (running) or will publish when started (stopped). */
export interface PortBinding {
  container: string;
  state: string;
  hostIp: string;
  hostPort: number;
  containerPort: number;
  proto: string;
}

const WILDCARDS = new Set(['', '0.0.0.0', '::']);

/** Two bindings on the same port and protocol clash when their addresses overlap. */
function overlaps(a: PortBinding, b: PortBinding): boolean {
  if (a.hostPort !== b.hostPort || a.proto !== b.proto || a.container === b.container) return false;
  return a.hostIp === b.hostIp || WILDCARDS.has(a.hostIp) || WILDCARDS.has(b.hostIp);
}

/** For each binding, the other containers that want the same host address and port. */
export function portConflicts(bindings: readonly PortBinding[]): Map<PortBinding, string[]> {
  const byPort = new Map<string, PortBinding[]>();
  for (const b of bindings) {
    const key = `${b.proto}/${b.hostPort}`;
    byPort.set(key, [...(byPort.get(key) ?? []), b]);
  }
  const clashes = new Map<PortBinding, string[]>();
  for (const group of byPort.values()) {
    for (const b of group) {
      const others = [...new Set(group.filter((o) => overlaps(b, o)).map((o) => o.container))];
      if (others.length > 0) clashes.set(b, others);
    }
  }
  return clashes;
}

/** `HostConfig.PortBindings` of an inspected container, ranges expanded (random ports skipped). */
export function configuredBindings(
  container: string,
  state: string,
  portBindings: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | undefined,
): PortBinding[] {
  const out: PortBinding[] = [];
  for (const [key, list] of Object.entries(portBindings ?? {})) {
    const [port, proto = 'tcp'] = key.split('/');
    for (const binding of list ?? []) {
      const range = /^(\d+)(?:-(\d+))?$/.exec(binding.HostPort ?? '');
      if (!range) continue;
      const first = Number(range[1]);
      const last = Math.min(Number(range[2] ?? range[1]), first + 1000);
      for (let hostPort = first; hostPort <= last; hostPort++) {
        out.push({
          container,
          state,
          hostIp: binding.HostIp ?? '',
          hostPort,
          containerPort: Number(port),
          proto,
        });
      }
    }
  }
  return out;
}

/** Containers inspected for the ports they will publish when started; more are skipped. */
const MAX_INSPECTED = 200;

/**
 * Published ports of every container on a host: running ones from the list (one call),
 * stopped ones from their configured bindings (they clash when started). With `port`:
 * one row saying whether a new container could publish it.
 */
export async function hostPorts(docker: Docker, call: HostCall, port?: number): Promise<Row[]> {
  const options = { signal: call.signal, ...(call.host.timeoutMs ? { timeoutMs: call.host.timeoutMs } : {}) };
  const { items } = await listContainers(docker, { ...options, all: true });
  const bindings: PortBinding[] = [];
  const stopped = items.filter((c) => !LIVE.has(c.state)).slice(0, MAX_INSPECTED);
  for (const c of items) {
    if (!LIVE.has(c.state)) continue;
    for (const p of c.ports) {
      if (p.hostPort === undefined) continue;
      bindings.push({
        container: c.name,
        state: c.state,
        hostIp: p.hostIp ?? '',
        hostPort: p.hostPort,
        containerPort: p.containerPort,
        proto: p.protocol,
      });
    }
  }
  const inspected = await Promise.all(
    stopped.map((c) =>
      inspectContainer(docker, c.id, options).then(
        (i) => configuredBindings(c.name, c.state, i.HostConfig?.PortBindings as never),
        () => [] as PortBinding[], // removed meanwhile
      ),
    ),
  );
  bindings.push(...inspected.flat());
  if (port !== undefined) {
    const on = bindings.filter((b) => b.hostPort === port);
    const running = on.filter((b) => LIVE.has(b.state));
    const usedBy = [...new Set(on.map((b) => `${b.container} (${b.state})`))].join(', ');
    return [{ port, available: running.length === 0, ...(usedBy ? { usedBy } : {}) }];
  }
  const conflicts = portConflicts(bindings);
  return bindings
    .sort((a, b) => a.hostPort - b.hostPort || a.container.localeCompare(b.container))
    .map((b) => ({
      hostPort: b.hostPort,
      hostIp: b.hostIp,
      proto: b.proto,
      container: b.container,
      containerPort: b.containerPort,
      state: b.state,
      ...(conflicts.has(b) ? { conflict: conflicts.get(b)?.join(',') } : {}),
    }));
}
