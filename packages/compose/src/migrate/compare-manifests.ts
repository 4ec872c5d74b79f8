import type { ManifestEntry, TreeManifest } from './tree-manifest.js';

/** One way two trees differ. */
export interface ManifestDifference {
  path: string;
  /** `missing`: only in the source; `extra`: only in the target; `changed`: in both, unequal. */
  kind: 'missing' | 'extra' | 'changed';
  /** The fields that differ, for `changed`. */
  fields?: Array<keyof ManifestEntry>;
}

const FIELDS: Array<keyof ManifestEntry> = ['type', 'size', 'mode', 'uid', 'gid', 'sha256', 'target'];

/**
 * What differs between the tree read on the source and the one read back from the target:
 * paths, types, sizes, modes, owners, content hashes and link targets. Empty when equal.
 */
export function compareManifests(source: TreeManifest, target: TreeManifest): ManifestDifference[] {
  const theirs = new Map(target.entries.map((e) => [e.path, e]));
  const differences: ManifestDifference[] = [];
  for (const mine of source.entries) {
    const other = theirs.get(mine.path);
    theirs.delete(mine.path);
    if (!other) {
      differences.push({ path: mine.path, kind: 'missing' });
      continue;
    }
    const fields = FIELDS.filter((field) => mine[field] !== other[field]);
    if (fields.length > 0) differences.push({ path: mine.path, kind: 'changed', fields });
  }
  for (const path of theirs.keys()) differences.push({ path, kind: 'extra' });
  return differences;
}
