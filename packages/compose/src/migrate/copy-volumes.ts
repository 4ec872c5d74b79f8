import { createHelper } from './helper-container.js';
import { LABEL_MIGRATION } from './migrate-labels.js';
import type { MigrationContext } from './migration-context.js';
import { type CopiedTree, verifiedCopy } from './verified-copy.js';

/** Where helpers mount what they copy; the archive's entries are named after its base name. */
const DATA = '/berth-migrate/data';

/**
 * Recreates each named volume on the target with its labels (compose's among them, so
 * compose on the target adopts it), streams its tree across and verifies it read back.
 */
export async function copyVolumes(ctx: MigrationContext): Promise<CopiedTree[]> {
  const copied: CopiedTree[] = [];
  for (const volume of ctx.plan.volumes) {
    ctx.report('copy-volumes', `copying volume ${volume.name}`, volume.name);
    ctx.journal.record({ kind: 'volume', side: 'target', name: volume.name });
    await ctx.target.engine.volumes.create(
      { name: volume.name, labels: { ...volume.labels, [LABEL_MIGRATION]: ctx.plan.id } },
      { signal: ctx.signal },
    );
    const common = {
      migration: ctx.plan.id,
      image: volume.helperImage,
      journal: ctx.journal,
      signal: ctx.signal,
    };
    const from = await createHelper({
      ...common,
      engine: ctx.source.engine,
      side: 'source',
      mounts: [{ type: 'volume', source: volume.name, target: DATA, readOnly: true }],
    });
    const to = await createHelper({
      ...common,
      engine: ctx.target.engine,
      side: 'target',
      mounts: [{ type: 'volume', source: volume.name, target: DATA }],
    });
    copied.push(
      await verifiedCopy(
        volume.name,
        { engine: ctx.source.engine, container: from.id, path: DATA },
        { engine: ctx.target.engine, container: to.id, path: DATA, into: '/berth-migrate' },
        { signal: ctx.signal, onBytes: ctx.moved('copy-volumes', volume.name) },
      ),
    );
    ctx.report(
      'verify',
      `volume ${volume.name}: ${copied.at(-1)?.files} files equal on both sides`,
      volume.name,
    );
    await to.dispose();
    await from.dispose();
  }
  return copied;
}
