import type { RunOptions, RunResult } from '@berth/client-pool';
import type { ContainerSummary } from '@berth/engine';
import { composeLabelsOf } from './compose-labels.js';

/** A container row as discovery needs it: any engine listing gives these fields. */
export type ContainerRow = Pick<ContainerSummary, 'id' | 'name' | 'labels' | 'state'>;

/** Anything that runs argv on a host (a HostEngine, an EngineClient). */
export interface HostRunner {
  run(argv: string[], options?: RunOptions): Promise<RunResult>;
}

export interface StackContainer {
  id: string;
  name: string;
  service: string;
  state: string;
  /** `com.docker.compose.container-number`. */
  number?: number;
  /** A `compose run` container, not one of the service's replicas. */
  oneoff: boolean;
}

/** One compose project on a host, from its containers' labels and/or the profile's compose paths. */
export interface RemoteStack {
  project: string;
  /** The project directory on the host, when known. */
  workingDir?: string;
  /** Absolute compose file paths on the host. */
  configFiles: string[];
  /** Service names seen on containers, sorted. */
  services: string[];
  containers: StackContainer[];
  /** Found through containers, through a compose path, or both. */
  via: Array<'containers' | 'compose-path'>;
}

function toStackContainer(row: ContainerRow): StackContainer | undefined {
  const labels = composeLabelsOf(row.labels);
  if (!labels) return undefined;
  const container: StackContainer = {
    id: row.id,
    name: row.name,
    service: labels.service,
    state: row.state,
    oneoff: labels.oneoff,
  };
  if (labels.containerNumber !== undefined) container.number = labels.containerNumber;
  return container;
}

/**
 * The compose projects that containers belong to, by their compose labels alone: a container
 * without them belongs to no stack, whatever its name. Sorted by project name.
 */
export function stacksFromContainers(rows: readonly ContainerRow[]): RemoteStack[] {
  const stacks = new Map<string, RemoteStack>();
  for (const row of rows) {
    const labels = composeLabelsOf(row.labels);
    const container = toStackContainer(row);
    if (!labels || !container) continue;
    let stack = stacks.get(labels.project);
    if (!stack) {
      stack = { project: labels.project, configFiles: [], services: [], containers: [], via: ['containers'] };
      stacks.set(labels.project, stack);
    }
    if (labels.workingDir && !stack.workingDir) stack.workingDir = labels.workingDir;
    for (const file of labels.configFiles)
      if (!stack.configFiles.includes(file)) stack.configFiles.push(file);
    if (!stack.services.includes(labels.service)) stack.services.push(labels.service);
    stack.containers.push(container);
  }
  for (const stack of stacks.values()) {
    stack.services.sort();
    // Replicas in number order, `compose run` containers after them.
    stack.containers.sort(
      (a, b) =>
        a.service.localeCompare(b.service) ||
        Number(a.oneoff) - Number(b.oneoff) ||
        (a.number ?? 0) - (b.number ?? 0),
    );
  }
  return [...stacks.values()].sort((a, b) => a.project.localeCompare(b.project));
}

/**
 * The containers of one project's services, by labels only: `project` must match exactly,
 * so a container of another project is never returned, even with a service of the same
 * name. One-off (`compose run`) containers are left out unless asked for.
 */
export function serviceContainers(
  project: string,
  rows: readonly ContainerRow[],
  options: { oneoff?: boolean } = {},
): Map<string, StackContainer[]> {
  const byService = new Map<string, StackContainer[]>();
  for (const row of rows) {
    const labels = composeLabelsOf(row.labels);
    if (labels?.project !== project) continue;
    const container = toStackContainer(row);
    if (!container || (container.oneoff && !options.oneoff)) continue;
    byService.set(container.service, [...(byService.get(container.service) ?? []), container]);
  }
  return byService;
}
