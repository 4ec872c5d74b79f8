import type { MountSpec } from '@berth/engine';
import { createHelper } from './helper-container.js';
import type { MigrationContext, MigrationProgress } from './migration-context.js';
import { type CopiedTree, verifiedCopy } from './verified-copy.js';

/** One tree to copy: where each side's helper mounts it and where the tree is inside it. */
export interface HelperCopy {
  /** The volume name or host path. */
  item: string;
  /** The item as the verify report names it: `volume data`, `/srv/app`. */
  label: string;
  step: MigrationProgress['step'];
  /** An image already on both engines (the stack's own). */
  image: string;
  source: { mount: MountSpec; path: string };
  /** `into` is the directory the archive is unpacked in; `path` the tree once there. */
  target: { mount: MountSpec; path: string; into: string };
}

/**
 * Copies one tree between two helper containers, one on each side mounting its end,
 * verifies it read back, reports it and removes both helpers. On a failure the helpers
 * stay in the journal, so the rollback removes them.
 */
export async function copyThroughHelpers(ctx: MigrationContext, copy: HelperCopy): Promise<CopiedTree> {
  const source = ctx.source.engine;
  const target = ctx.target.engine;
  const common = { migration: ctx.plan.id, image: copy.image, journal: ctx.journal, signal: ctx.signal };
  const from = await createHelper({ ...common, engine: source, side: 'source', mounts: [copy.source.mount] });
  const to = await createHelper({ ...common, engine: target, side: 'target', mounts: [copy.target.mount] });
  const copied = await verifiedCopy(
    copy.item,
    { engine: source, container: from.id, path: copy.source.path },
    { engine: target, container: to.id, path: copy.target.path, into: copy.target.into },
    { signal: ctx.signal, onBytes: ctx.moved(copy.step, copy.item) },
  );
  ctx.report('verify', `${copy.label}: ${copied.files} files equal on both sides`, copy.item);
  await to.dispose();
  await from.dispose();
  return copied;
}
