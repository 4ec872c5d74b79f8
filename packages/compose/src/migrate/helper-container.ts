import type { HostEngine, MountSpec } from '@berth/engine';
import { LABEL_HELPER, LABEL_MIGRATION } from './migrate-labels.js';
import type { MigrationJournal } from './migration-journal.js';

export interface HelperSpec {
  engine: HostEngine;
  side: 'source' | 'target';
  /** An image already on that engine (the stack's own): no third-party image is ever pulled. */
  image: string;
  mounts: MountSpec[];
  migration: string;
  labels?: Record<string, string>;
  journal: MigrationJournal;
  signal: AbortSignal;
}

/**
 * A container created and never started, only so the engine's archive API can read or
 * write the trees it mounts. Recorded in the journal before anything else can fail, so a
 * rollback finds it; `dispose` removes it and drops the record.
 */
export async function createHelper(spec: HelperSpec): Promise<{ id: string; dispose(): Promise<void> }> {
  const { engine, journal } = spec;
  const { id } = await engine.containers.create(
    {
      image: spec.image,
      // Never run: the archive API needs a container, not a process.
      entrypoint: ['/berth-migrate-helper-never-runs'],
      mounts: spec.mounts,
      labels: { ...spec.labels, [LABEL_MIGRATION]: spec.migration, [LABEL_HELPER]: spec.side },
    },
    { signal: spec.signal },
  );
  journal.record({ kind: 'helper', side: spec.side, container: id });
  return {
    id,
    async dispose() {
      await engine.containers.remove(id, { force: true, signal: spec.signal });
      journal.forget((e) => e.kind === 'helper' && e.container === id);
    },
  };
}
