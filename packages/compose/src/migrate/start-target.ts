import { COMPOSE_LABELS } from '@berth/discovery';
import { waitHealthy } from '../wait-healthy.js';
import { MigrateError } from './migrate-error.js';
import type { MigrationContext } from './migration-context.js';

/**
 * Brings the stack up on the target with its deployer and waits until every container
 * runs and is healthy. The target must hold none of the project's containers before, so
 * everything of the project there afterwards is this migration's (rollback removes it).
 */
export async function startTarget(ctx: MigrationContext): Promise<string[]> {
  const { engine } = ctx.target;
  const { project } = ctx.plan;
  const before = await engine.containers.list({
    all: true,
    filters: { label: { [COMPOSE_LABELS.project]: project } },
    signal: ctx.signal,
  });
  if (before.total > 0) {
    throw new MigrateError(
      'CONFLICT',
      `compose project ${project} has containers on ${engine.profile} already`,
      { project },
    );
  }
  ctx.journal.record({ kind: 'stack', side: 'target', project });
  ctx.report('start-target', `starting ${project} on ${engine.profile}`);
  await ctx.deployer.up(
    { name: project, files: ctx.plan.composeFiles, directory: ctx.plan.directory },
    { wait: true, waitTimeoutMs: ctx.healthTimeoutMs },
    { signal: ctx.signal },
  );
  const ready = await waitHealthy(engine, project, {
    services: [],
    signal: ctx.signal,
    timeoutMs: ctx.healthTimeoutMs,
  });
  const names = ready.map((c) => c.name);
  ctx.report('start-target', `${names.length} containers running and healthy on ${engine.profile}`);
  return names;
}
