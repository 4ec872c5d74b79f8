import { setTimeout as sleep } from 'node:timers/promises';
import type { HostEngine } from '@berth/engine';
import type { ComposeContainer } from './compose-driver-types.js';
import { ComposeError } from './compose-error.js';
import { projectContainers } from './project-containers.js';

export interface WaitOptions {
  services: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
  intervalMs?: number;
  now?: () => number;
}

/** Why a container is not (yet) ready, or undefined when it is; `fatal` means waiting cannot help. */
export function readiness(c: ComposeContainer): { fatal: boolean; why: string } | undefined {
  if (c.state === 'exited' && c.exitCode === 0) return undefined; // a one-shot job that finished
  if (c.state === 'exited' || c.state === 'dead') {
    return {
      fatal: true,
      why: `${c.name} ${c.state}${c.exitCode === undefined ? '' : ` (exit ${c.exitCode})`}`,
    };
  }
  if (c.health === 'unhealthy') return { fatal: true, why: `${c.name} is unhealthy` };
  if (c.state !== 'running') return { fatal: false, why: `${c.name} is ${c.state}` };
  if (c.health === 'starting') return { fatal: false, why: `${c.name} health is starting` };
  return undefined;
}

/**
 * Polls a project's containers through the engine until each runs (and is healthy, where
 * it has a healthcheck): what v2's `up --wait` does, for v1, which has no `--wait`.
 * A container that exits non-zero or gets unhealthy fails at once (ENGINE); the deadline
 * gives TIMEOUT naming what was not ready.
 */
export async function waitHealthy(
  host: HostEngine,
  project: string,
  options: WaitOptions,
): Promise<ComposeContainer[]> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const data = { profile: host.profile, project, operation: 'up' };
  for (;;) {
    if (options.signal?.aborted) {
      throw new ComposeError('CANCELLED', `waiting for project "${project}" was cancelled`, data);
    }
    const containers = await projectContainers(host, project, {
      services: options.services,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const problems = containers.map(readiness).filter((p) => p !== undefined);
    const fatal = problems.filter((p) => p.fatal);
    if (fatal.length > 0) {
      throw new ComposeError(
        'ENGINE',
        `project "${project}" did not come up: ${fatal.map((p) => p.why).join('; ')}`,
        data,
      );
    }
    if (containers.length > 0 && problems.length === 0) return containers;
    if (now() >= deadline) {
      const why = containers.length === 0 ? 'no containers' : problems.map((p) => p.why).join('; ');
      throw new ComposeError(
        'TIMEOUT',
        `project "${project}" was not running and healthy within ${options.timeoutMs} ms: ${why}`,
        { ...data, timeoutMs: options.timeoutMs },
      );
    }
    await sleep(options.intervalMs ?? 500, undefined, options.signal ? { signal: options.signal } : {}).catch(
      () => {},
    );
  }
}
