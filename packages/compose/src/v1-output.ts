import type { ContainerSummary } from '@berth/engine';
import type { ComposeContainer, ComposeHealth, ComposeStack } from './compose-driver-types.js';
import { formatStackStatus } from './v2-output.js';

/** The labels compose (v1 and v2) puts on every container it creates. */
export const LABEL_PROJECT = 'com.docker.compose.project';
export const LABEL_SERVICE = 'com.docker.compose.service';
export const LABEL_CONFIG_FILES = 'com.docker.compose.project.config_files';
export const LABEL_WORKING_DIR = 'com.docker.compose.project.working_dir';
/** One-off `run` containers are no part of the stack's state. */
export const LABEL_ONEOFF = 'com.docker.compose.oneoff';

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
  const exitCode = c.state === 'running' ? undefined : exitCodeFromStatus(c.status);
  return {
    id: c.id,
    name: c.name,
    project: c.labels[LABEL_PROJECT] ?? '',
    service: c.labels[LABEL_SERVICE] ?? '',
    image: c.image,
    state: c.state,
    health: healthFromStatus(c.status),
    ...(exitCode === undefined ? {} : { exitCode }),
    status: c.status,
    ports: c.ports,
  };
}

/** Stacks as compose v2's `ls` would list them, derived from the labels of their containers (v1 has no `ls`). */
export function stacksFromSummaries(containers: readonly ContainerSummary[], all: boolean): ComposeStack[] {
  const byName = new Map<string, { states: Record<string, number>; files: Set<string>; dir?: string }>();
  for (const c of containers) {
    const name = c.labels[LABEL_PROJECT];
    if (!name || c.labels[LABEL_ONEOFF] === 'True') continue;
    const entry = byName.get(name) ?? { states: {}, files: new Set<string>() };
    entry.states[c.state] = (entry.states[c.state] ?? 0) + 1;
    for (const file of (c.labels[LABEL_CONFIG_FILES] ?? '').split(',')) if (file) entry.files.add(file);
    const dir = c.labels[LABEL_WORKING_DIR];
    if (dir) entry.dir = dir;
    byName.set(name, entry);
  }
  return [...byName.entries()]
    .filter(([, e]) => all || (e.states.running ?? 0) > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, e]) => ({
      name,
      states: e.states,
      status: formatStackStatus(e.states),
      configFiles: [...e.files],
      ...(e.dir ? { workingDir: e.dir } : {}),
    }));
}
