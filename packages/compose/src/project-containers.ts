import type { HostEngine } from '@berth/engine';
import type { ComposeContainer } from './compose-driver-types.js';
import { COMPOSE_LABELS, containerFromSummary } from './v1-output.js';

/**
 * A project's containers read from the engine by compose's labels: one list call, for
 * v1 (whose `ps` prints only a table) and for the health wait. One-off `run` containers
 * are left out, as `ps` leaves them out.
 */
export async function projectContainers(
  host: HostEngine,
  project: string,
  options: { services?: readonly string[]; all?: boolean; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ComposeContainer[]> {
  const page = await host.containers.list({
    all: options.all ?? true,
    filters: { label: { [COMPOSE_LABELS.project]: project } },
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  const services = new Set(options.services ?? []);
  return page.items
    .filter((c) => c.labels[COMPOSE_LABELS.oneoff] !== 'True')
    .filter((c) => services.size === 0 || services.has(c.labels[COMPOSE_LABELS.service] ?? ''))
    .map(containerFromSummary)
    .sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
}
