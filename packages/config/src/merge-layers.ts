import { type ConfigLayer, isPlainObject } from './config-layer.js';

export interface MergedConfig {
  defaultProfile?: string;
  profiles: Record<string, Record<string, unknown>>;
  /** The user file's trusted project folders (set by the loader: no other file may trust one). */
  trustedProjects?: string[];
  /** The user (or explicit) file's backup folders, resolved (set by the loader: no project file may add one). */
  backupRoots?: string[];
  /** Dot path → the source that set it, for messages and for resolving relative paths. */
  origins: Map<string, string>;
}

function mergeInto(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
  path: string,
  source: string,
  origins: Map<string, string>,
): void {
  for (const [key, value] of Object.entries(patch)) {
    const at = `${path}.${key}`;
    const current = target[key];
    // Nested mappings (tls) merge per field; lists and scalars are replaced whole.
    if (isPlainObject(value) && isPlainObject(current)) {
      mergeInto(current, value, at, source, origins);
      continue;
    }
    target[key] = isPlainObject(value) ? structuredClone(value) : value;
    for (const known of [...origins.keys()]) if (known.startsWith(`${at}.`)) origins.delete(known);
    origins.set(at, source);
  }
}

/**
 * Merges sources given highest first. Profiles merge by name, per field, the higher source
 * winning; a higher entry with a different `type` replaces the profile, because fields of
 * one type make no sense on another.
 */
export function mergeLayers(layers: readonly ConfigLayer[]): MergedConfig {
  const merged: MergedConfig = { profiles: {}, origins: new Map() };
  for (const layer of [...layers].reverse()) {
    if (layer.defaultProfile !== undefined) {
      merged.defaultProfile = layer.defaultProfile;
      merged.origins.set('defaultProfile', layer.source);
    }
    for (const [name, entry] of Object.entries(layer.profiles)) {
      const path = `profiles.${name}`;
      const current = merged.profiles[name];
      if (!current || (entry.type !== undefined && entry.type !== current.type)) {
        for (const known of [...merged.origins.keys()])
          if (known.startsWith(`${path}.`)) merged.origins.delete(known);
        merged.profiles[name] = {};
        merged.origins.set(path, layer.source);
      }
      mergeInto(merged.profiles[name] as Record<string, unknown>, entry, path, layer.source, merged.origins);
    }
  }
  return merged;
}

/** The source of the longest known prefix of `path`. */
export function originOf(origins: Map<string, string>, path: string): string | undefined {
  let at = path;
  for (;;) {
    const source = origins.get(at);
    if (source !== undefined) return source;
    const dot = at.lastIndexOf('.');
    if (dot < 0) return undefined;
    at = at.slice(0, dot);
  }
}
