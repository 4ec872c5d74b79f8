import { copyThroughHelpers } from './copy-through-helpers.js';
import { LABEL_MIGRATION } from './migrate-labels.js';
import type { MigrationContext } from './migration-context.js';
import type { CopiedTree } from './verified-copy.js';

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
    copied.push(
      await copyThroughHelpers(ctx, {
        item: volume.name,
        label: `volume ${volume.name}`,
        step: 'copy-volumes',
        image: volume.helperImage,
        source: { mount: { type: 'volume', source: volume.name, target: DATA, readOnly: true }, path: DATA },
        target: {
          mount: { type: 'volume', source: volume.name, target: DATA },
          path: DATA,
          into: '/berth-migrate',
        },
      }),
    );
  }
  return copied;
}
