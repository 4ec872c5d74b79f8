import { compareManifests } from './compare-manifests.js';
import { copyTree, readTree, type TreeCopyOptions, type TreeLocation } from './copy-tree.js';
import { MigrateError } from './migrate-error.js';

/** What one copied tree came to: its manifest on both sides, equal. */
export interface CopiedTree {
  /** The volume name or host path. */
  item: string;
  files: number;
  bytes: number;
  /** The manifest digest, the same on source and target. */
  digest: string;
}

/**
 * Copies the tree at `from` into the directory `into` of the target helper, reads it back
 * from `to.path` and compares the two manifests (paths, types, sizes, modes, owners,
 * sha256, link targets): VERIFY_FAILED with the first differences when they are not equal.
 */
export async function verifiedCopy(
  item: string,
  from: TreeLocation,
  to: TreeLocation & { into: string },
  options: TreeCopyOptions,
): Promise<CopiedTree> {
  const sent = await copyTree(from, to, options);
  const back = await readTree(to, { signal: options.signal });
  const differences = compareManifests(sent, back);
  if (differences.length > 0) {
    throw new MigrateError(
      'VERIFY_FAILED',
      `${item}: the copy on ${to.engine.profile} differs from the source in ${differences.length} entries`,
      { item, differences: differences.slice(0, 20) },
    );
  }
  return { item, files: sent.files, bytes: sent.bytes, digest: sent.digest };
}
