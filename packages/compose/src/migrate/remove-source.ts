import { COMPOSE_LABELS } from '@berth/discovery';
import { isEngineError } from '@berth/engine';
import { waitHealthy } from '../wait-healthy.js';
import { MigrateError } from './migrate-error.js';
import type { MigrationPlan } from './migration-plan.js';
import type { MigrationEndpoint } from './plan-migration.js';

export interface RemoveSourceOptions {
  source: MigrationEndpoint;
  target: MigrationEndpoint;
  /** Only the literal `true`: the caller asked a person (or checked a confirmation token). */
  confirmed: true;
  signal?: AbortSignal;
  /** How long the target may take to show healthy; default 30 s. */
  healthTimeoutMs?: number;
}

export interface RemovedSource {
  containers: string[];
  volumes: string[];
  networks: string[];
  /** Host files left in place on the source: bind-mounted paths and the project's files. */
  kept: string[];
}

/**
 * The last, separate step of a migration, never taken on its own: after checking that
 * the stack runs healthy on the target with every volume there, and that it is still
 * stopped on the source, removes the stack's containers, named volumes and networks from
 * the source. Host files (binds, compose files) stay where they are.
 */
export async function removeSource(
  plan: MigrationPlan,
  options: RemoveSourceOptions,
): Promise<RemovedSource> {
  if (options.confirmed !== true) {
    throw new MigrateError('INVALID', 'removing the source needs confirmed: true', { field: 'confirmed' });
  }
  const signal = options.signal ?? new AbortController().signal;
  const source = options.source.engine;
  const target = options.target.engine;
  await waitHealthy(target, plan.project, {
    services: [],
    signal,
    timeoutMs: options.healthTimeoutMs ?? 30_000,
  });
  for (const volume of plan.volumes) {
    await target.volumes.inspect(volume.name, { signal }).catch((error: unknown) => {
      throw new MigrateError(
        'CONFLICT',
        `volume ${volume.name} is missing on ${target.profile}; the source keeps its copy`,
        {
          volume: volume.name,
          cause: isEngineError(error) ? error.code : String(error),
        },
      );
    });
  }
  const filters = { label: { [COMPOSE_LABELS.project]: plan.project } };
  const running = (await source.containers.list({ all: false, filters, signal })).items;
  if (running.length > 0) {
    throw new MigrateError(
      'CONFLICT',
      `${plan.project} runs on ${source.profile} again (${running.map((c) => c.name).join(', ')}); nothing removed`,
      {
        project: plan.project,
      },
    );
  }
  const removed: RemovedSource = { containers: [], volumes: [], networks: [], kept: [] };
  for (const c of plan.containers) {
    await source.containers.remove(c.id, { signal });
    removed.containers.push(c.name);
  }
  for (const volume of plan.volumes) {
    await source.volumes.remove(volume.name, { signal });
    removed.volumes.push(volume.name);
  }
  for (const network of await source.networks.list({ filters, signal })) {
    await source.networks.remove(network.id, { signal });
    removed.networks.push(network.name);
  }
  removed.kept = [...plan.binds.map((b) => b.path), ...plan.files.map((f) => f.path)];
  return removed;
}
