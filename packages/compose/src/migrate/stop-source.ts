import { MigrateError } from './migrate-error.js';
import type { MigrationContext } from './migration-context.js';

/**
 * Stops the stack's running containers on the source and checks each one really stopped:
 * a stop that fails or leaves a container running aborts the migration (and rollback
 * restarts what was stopped). Each stop is journalled before it is asked for.
 */
export async function stopSource(ctx: MigrationContext): Promise<void> {
  const { engine } = ctx.source;
  for (const c of ctx.plan.containers.filter((c) => c.running)) {
    ctx.journal.record({ kind: 'stopped', side: 'source', container: c.id });
    ctx.report('stop-source', `stopping ${c.name}`, c.name);
    await engine.containers.stop(c.id, { signal: ctx.signal });
    const state = (await engine.containers.inspect(c.id, { signal: ctx.signal })).State;
    if (state.Running || state.Restarting) {
      throw new MigrateError(
        'CONFLICT',
        `${engine.profile}: container ${c.name} is still running after stop`,
        {
          container: c.name,
        },
      );
    }
  }
}
