import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import { CLEANUP_LEVELS, cleanupPlan, type PlannedObject, planBytes } from './cleanup-plan.js';
import { cleanupSnapshot } from './cleanup-snapshot.js';
import { humanSize } from './sizes.js';

const SHOWN = 5;

/** One cleanup level as `system cleanup` shows it: how many of each kind would go, and the space. */
export const cleanupPreviewRow = z.object({
  level: z.string(),
  containers: z.number(),
  networks: z.number(),
  images: z.number(),
  volumes: z.number(),
  size: z.string(),
  /** The first few names of what would go, so a preview needs no dry run to say which. */
  names: z.string(),
  /** The `remove` action that does it (and answers with the full plan first). */
  action: z.string(),
});
export type CleanupPreviewRow = z.output<typeof cleanupPreviewRow>;

/**
 * The three cleanup levels summed up from one snapshot by the very planner the `remove`
 * cleanup actions run, so the preview and what they would remove never disagree.
 */
export async function cleanupPreview(call: HostCall): Promise<CleanupPreviewRow[]> {
  const snapshot = await cleanupSnapshot(call);
  return CLEANUP_LEVELS.map((level) => {
    const objects = cleanupPlan(level, snapshot);
    const count = (kind: PlannedObject['kind']) => objects.filter((o) => o.kind === kind).length;
    return {
      level,
      containers: count('container'),
      networks: count('network'),
      images: count('image'),
      volumes: count('volume'),
      size: humanSize(planBytes(objects)),
      names:
        objects
          .slice(0, SHOWN)
          .map((o) => o.name)
          .join(', ') + (objects.length > SHOWN ? ', …' : ''),
      action: `remove cleanup_${level}`,
    };
  });
}
