import { setTimeout as sleep } from 'node:timers/promises';
import { COMPOSE_LABELS } from '@berth/discovery';
import { type HostEngine, isEngineError } from '@berth/engine';
import type { Logger } from 'pino';
import type { DeployProject, TargetDeployer } from './migration-context.js';
import type { JournalEntry, MigrationJournal } from './migration-journal.js';
import type { MigrationEndpoint } from './plan-migration.js';

/** What a rollback did: each journal entry undone, or why it could not be. */
export interface RollbackReport {
  undone: string[];
  failed: Array<{ what: string; error: string }>;
}

export interface RollbackInput {
  journal: MigrationJournal;
  source: MigrationEndpoint;
  target: MigrationEndpoint;
  deployer: TargetDeployer;
  project: DeployProject;
  /** Its own signal: a cancelled migration still rolls back. */
  signal: AbortSignal;
  logger: Logger;
}

const gone = (error: unknown) => isEngineError(error) && error.code === 'NOT_FOUND';

/**
 * Removes a container, or waits until a removal someone else started (the engine answers
 * 409 "already in progress") has taken it: either way it is gone when this returns.
 */
async function removeContainer(engine: HostEngine, id: string, signal: AbortSignal): Promise<void> {
  try {
    await engine.containers.remove(id, { force: true, signal });
  } catch (error) {
    if (gone(error)) return;
    if (!(isEngineError(error) && error.code === 'CONFLICT')) throw error;
    for (;;) {
      await sleep(200, undefined, { signal });
      const still = await engine.containers
        .inspect(id, { signal })
        .catch((e: unknown) => (gone(e) ? undefined : Promise.reject(e)));
      if (!still) return;
    }
  }
}

function describe(entry: JournalEntry): string {
  switch (entry.kind) {
    case 'stopped':
      return `restart container ${entry.container.slice(0, 12)} on the source`;
    case 'image':
      return `remove image ${entry.ref} from the target`;
    case 'volume':
      return `remove volume ${entry.name} from the target`;
    case 'helper':
      return `remove helper ${entry.container.slice(0, 12)} from the ${entry.side}`;
    case 'path':
      return `remove ${entry.path} from the target`;
    case 'stack':
      return `take ${entry.project} down on the target`;
  }
}

async function undo(entry: JournalEntry, input: RollbackInput): Promise<void> {
  const { signal } = input;
  const target = input.target.engine;
  switch (entry.kind) {
    case 'stopped': {
      const engine = input.source.engine;
      await engine.containers.start(entry.container, { signal });
      const { State } = await engine.containers.inspect(entry.container, { signal });
      if (!State.Running) throw new Error(`still ${State.Status} after start`);
      return;
    }
    case 'image':
      await target.images
        .remove(entry.ref, { signal })
        .catch((e) => (gone(e) ? undefined : Promise.reject(e)));
      return;
    case 'volume':
      await target.volumes
        .remove(entry.name, { signal })
        .catch((e) => (gone(e) ? undefined : Promise.reject(e)));
      return;
    case 'helper': {
      const engine = entry.side === 'source' ? input.source.engine : target;
      await removeContainer(engine, entry.container, signal);
      return;
    }
    case 'path': {
      const result = await target.run(['rm', '-rf', entry.path], { signal });
      if (result.exitCode !== 0)
        throw new Error(`rm exited ${result.exitCode}: ${result.stderr.trim().slice(0, 300)}`);
      return;
    }
    case 'stack': {
      // compose down first; then whatever of the project it left (a container created before `up` failed).
      await input.deployer
        .down(input.project, { volumes: false, removeOrphans: true }, { signal })
        .catch((error: unknown) => {
          input.logger.warn(
            { err: error },
            'compose down on the target failed; removing the containers directly',
          );
        });
      const left = await target.containers.list({
        all: true,
        filters: { label: { [COMPOSE_LABELS.project]: entry.project } },
        signal,
      });
      for (const c of left.items) await removeContainer(target, c.id, signal);
      const networks = await target.networks.list({
        filters: { label: { [COMPOSE_LABELS.project]: entry.project } },
        signal,
      });
      for (const n of networks) await target.networks.remove(n.id, { signal });
      return;
    }
  }
}

/**
 * Undoes the journal newest first: the stack on the target down, helpers, paths, volumes
 * and images the migration created there removed, then the source's containers started
 * again and checked running. Only what the journal names is touched; nothing on the
 * source is ever removed. Every entry is tried even when one fails.
 */
export async function rollBack(input: RollbackInput): Promise<RollbackReport> {
  const report: RollbackReport = { undone: [], failed: [] };
  for (const entry of input.journal.undoOrder()) {
    const what = describe(entry);
    try {
      await undo(entry, input);
      report.undone.push(what);
    } catch (error) {
      input.logger.error({ err: error, what }, 'rollback step failed');
      report.failed.push({ what, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
