import type { ListContainersOptions, Page } from '@berth/engine';
import { isBerthError } from '@berth/errors';
import type { Logger } from 'pino';
import { COMPOSE_LABELS } from './compose-labels.js';
import { listComposeFiles } from './list-compose-files.js';
import {
  type ContainerRow,
  type HostRunner,
  type RemoteStack,
  stacksFromContainers,
} from './remote-stacks.js';

/** What hostStacks needs of a host: a HostEngine from @berth/engine has both. */
export interface StackHost extends HostRunner {
  containers: { list(options?: ListContainersOptions): Promise<Page<ContainerRow>> };
}

export interface HostStacksOptions {
  /** The profile's `composePaths`: folders on the host that hold compose projects. */
  composePaths?: readonly string[];
  signal?: AbortSignal;
  logger?: Logger;
}

/**
 * A host's compose stacks: those its containers' compose labels name (running or not), and
 * those whose files lie under the profile's compose paths. A path project joins the
 * container stack with the same working directory; otherwise it is its own stack.
 */
export async function hostStacks(host: StackHost, options: HostStacksOptions = {}): Promise<RemoteStack[]> {
  const page = await host.containers.list({
    all: true,
    filters: { label: [COMPOSE_LABELS.project] },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const stacks = stacksFromContainers(page.items);
  const paths = options.composePaths ?? [];
  if (paths.length === 0) return stacks;
  const projects = await listComposeFiles(host, paths, {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  }).catch((error: unknown) => {
    // A tcp profile runs no commands: its stacks are still known from their labels.
    if (!runsNoCommands(error)) throw error;
    options.logger?.warn({ paths }, 'this host runs no commands; compose paths not read');
    return [];
  });
  for (const project of projects) {
    const known = stacks.find((s) => s.workingDir === project.dir);
    if (known) {
      known.via.push('compose-path');
      for (const f of project.files) if (!known.configFiles.includes(f)) known.configFiles.push(f);
      continue;
    }
    stacks.push({
      project: project.name,
      workingDir: project.dir,
      configFiles: project.files,
      services: [],
      containers: [],
      via: ['compose-path'],
    });
  }
  return stacks.sort(
    (a, b) => a.project.localeCompare(b.project) || (a.workingDir ?? '').localeCompare(b.workingDir ?? ''),
  );
}

function runsNoCommands(error: unknown): boolean {
  const cause = (error as { cause?: unknown }).cause;
  return isBerthError(cause) && cause.code === 'UNSUPPORTED';
}
