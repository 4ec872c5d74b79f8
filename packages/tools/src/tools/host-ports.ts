import type { HostEngine } from '@berth/engine';
import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import type { Row } from '../framework/tool-output.js';
import type { RowKey } from '../framework/tool-spec.js';

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
/** Inspections in flight at once: a remote engine over SSH should not get 200 at a time. */
const INSPECT_BATCH = 16;

export const portRow = z.object({
  port: z.number(),
  binding: z.string().optional(),
  container: z.string().optional(),
  state: z.string().optional(),
  conflict: z.string().optional().describe('Other containers on this address and port'),
  free: z.boolean().optional(),
  usedBy: z.string().optional(),
});

/** Ascending by port (the keyset sorts its number descending), then by owner and address. */
export function portKey(row: Row): RowKey {
  return [
    -Number(row.port ?? 0),
    `${String(row.host ?? '')}/${String(row.container ?? '')}/${String(row.binding ?? '')}`,
  ];
}

/** A binding as `docker ps` prints it: `127.0.0.1:8080->80/tcp`. */
export function bindingText(b: PortBinding): string {
  return `${b.hostIp}:${b.hostPort}->${b.containerPort}/${b.proto}`;
}

async function stoppedBindings(engine: HostEngine, stopped: { id: string; name: string; state: string }[]) {
  const out: PortBinding[] = [];
  for (let i = 0; i < stopped.length; i += INSPECT_BATCH) {
    const batch = await Promise.all(
      stopped.slice(i, i + INSPECT_BATCH).map((c) =>
        engine.containers.inspect(c.id).then(
          (info) => configuredBindings(c.name, c.state, info.HostConfig?.PortBindings as never),
          () => [] as PortBinding[], // removed meanwhile
        ),
      ),
    );
    out.push(...batch.flat());
  }
  return out;
}

/**
 * Published ports of every container on a host: running ones from the list (one call),
 * stopped ones from their configured bindings (they clash when started). With `port`:
 * one row saying whether a new container could publish it. Other processes of the host
 * are not seen: only the engine is asked.
 */
export async function hostPorts(call: HostCall, port?: number): Promise<Row[]> {
  const engine = await call.engine();
  const { items } = await engine.containers.list({ all: true });
  const bindings: PortBinding[] = [];
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
  const stopped = items.filter((c) => !LIVE.has(c.state)).slice(0, MAX_INSPECTED);
  bindings.push(...(await stoppedBindings(engine, stopped)));
  if (port !== undefined) return [portAnswer(port, bindings)];
  const conflicts = portConflicts(bindings);
  return bindings.map((b) => ({
    port: b.hostPort,
    binding: bindingText(b),
    container: b.container,
    state: b.state,
    ...(conflicts.has(b) ? { conflict: conflicts.get(b)?.join(',') } : {}),
  }));
}

/** Whether a new container could publish `port`: no running container holds it. */
export function portAnswer(port: number, bindings: readonly PortBinding[]): Row {
  const on = bindings.filter((b) => b.hostPort === port);
  const usedBy = [...new Set(on.map((b) => `${b.container} (${b.state})`))].join(', ');
  return { port, free: !on.some((b) => LIVE.has(b.state)), ...(usedBy ? { usedBy } : {}) };
}
