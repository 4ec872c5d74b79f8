import { COMPOSE_LABELS, composeLabelsOf, stacksFromContainers } from '@berth/discovery';
import type { ContainerSummary } from '@berth/engine';
import type { ComposeContainer, ComposeHealth, ComposeStack } from './compose-driver-types.js';
import { formatStackStatus } from './v2-output.js';

export { COMPOSE_LABELS };

/** The engine's status text carries the health: `Up 5 seconds (healthy)`, `(health: starting)`. */
export function healthFromStatus(status: string): ComposeHealth {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return 'none';
}

/** `Exited (137) 2 minutes ago` → 137. */
export function exitCodeFromStatus(status: string): number | undefined {
  const match = /^Exited \((-?\d+)\)/.exec(status);
  return match ? Number(match[1]) : undefined;
}

/** A compose container as the engine lists it → the driver's shape (v1 has no JSON ps). */
export function containerFromSummary(c: ContainerSummary): ComposeContainer {
  const labels = composeLabelsOf(c.labels);
  const exitCode = c.state === 'running' ? undefined : exitCodeFromStatus(c.status);
  return {
    id: c.id,
    name: c.name,
    project: labels?.project ?? '',
    service: labels?.service ?? '',
    image: c.image,
    state: c.state,
    health: healthFromStatus(c.status),
    ...(exitCode === undefined ? {} : { exitCode }),
    status: c.status,
    ports: c.ports,
  };
}

/**
 * Stacks as compose v2's `ls` lists them, from their containers' labels (v1 has no `ls`):
 * discovery groups them; one-off `run` containers do not count, and without `all` only
 * stacks with a running container are listed, as `ls` does.
 */
export function stacksFromSummaries(containers: readonly ContainerSummary[], all: boolean): ComposeStack[] {
  const stacks: ComposeStack[] = [];
  for (const stack of stacksFromContainers(containers)) {
    const states: Record<string, number> = {};
    for (const c of stack.containers) if (!c.oneoff) states[c.state] = (states[c.state] ?? 0) + 1;
    if (Object.keys(states).length === 0 || (!all && !states.running)) continue;
    stacks.push({
      name: stack.project,
      states,
      status: formatStackStatus(states),
      configFiles: stack.configFiles,
      ...(stack.workingDir ? { workingDir: stack.workingDir } : {}),
    });
  }
  return stacks;
}
