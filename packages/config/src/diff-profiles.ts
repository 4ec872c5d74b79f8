import { deepEqual } from './deep-equal.js';
import type { BerthConfig, Profile } from './profile-schema.js';

/**
 * Whether two normalized profiles are the same in every field (key order ignored, a key
 * holding `undefined` counts as absent). The client pool keeps a client only while its
 * profile stays the same by this test.
 */
export function profilesEqual(a: Profile | undefined, b: Profile | undefined): boolean {
  return deepEqual(a, b);
}

/**
 * Names of the profiles added, removed, or changed in any field between two normalized
 * configs, sorted. The client pool rebuilds exactly these clients.
 */
export function diffProfiles(oldConfig: BerthConfig | undefined, newConfig: BerthConfig): string[] {
  const before = oldConfig?.profiles ?? {};
  const after = newConfig.profiles;
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !profilesEqual(before[name], after[name])).sort();
}
