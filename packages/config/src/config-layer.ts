import { type ConfigIssue, shownKey } from './config-issue.js';
import { LocalProfile, Profile, ProfileName, SshProfile, TcpProfile } from './profile-schema.js';
import { issuesFromZod } from './zod-issues.js';

/**
 * One source's settings before merging. A profile entry may be partial: an entry without
 * `type` overrides fields of a profile defined by a lower source.
 */
export interface ConfigLayer {
  /** File path, or `env`. */
  source: string;
  defaultProfile?: string;
  /** Folders whose project files the user trusts; honoured from the user file only. */
  trustedProjects?: string[];
  /** Folders for database backups; honoured from the user (or the one explicit) file only. */
  backupRoots?: string[];
  profiles: Record<string, Record<string, unknown>>;
}

export interface LayerResult {
  layer: ConfigLayer;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

/** Top-level keys that belong to berth's config; others are kept on write but ignored. */
const KNOWN_KEYS = new Set(['defaultProfile', 'profiles', 'trustedProjects', 'backupRoots', '$schema']);

/** More profiles than anyone configures by hand; the cap keeps a hostile file from stalling every load. */
export const MAX_PROFILES = 1000;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Validates an entry without `type` against the one profile type that has all its keys. */
function partialEntryIssues(name: string, entry: Record<string, unknown>, source: string): ConfigIssue[] {
  const schemas = [LocalProfile, TcpProfile, SshProfile];
  const keys = Object.keys(entry);
  const schema = schemas.find((s) => keys.every((key) => key in s.shape));
  if (!schema) {
    const unknown = keys.filter((key) => !schemas.some((s) => key in s.shape));
    if (unknown.length > 0) {
      return unknown.map((key) => ({
        path: `profiles.${name}.${shownKey(key) ?? '(a key not shown)'}`,
        message: 'unknown key',
        source,
      }));
    }
    return [
      { path: `profiles.${name}`, message: 'mixes keys of different profile types; add `type`', source },
    ];
  }
  const result = schema.partial().safeParse(entry);
  return result.success ? [] : issuesFromZod(result.error, entry, ['profiles', name], () => source);
}

const NOT_BERTH =
  "not a berth config file: its top level has none of berth's keys (profiles, defaultProfile, trustedProjects)";

/** Unknown sections are kept on write; only name-like keys are named, never the rest of a line. */
function unknownSectionWarnings(keys: readonly string[], source: string): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  let hidden = 0;
  for (const key of keys) {
    if (KNOWN_KEYS.has(key)) continue;
    const shown = shownKey(key);
    if (shown === undefined) {
      hidden += 1;
      continue;
    }
    const hint = key === 'hosts' ? ' (did you mean "profiles"?)' : '';
    warnings.push({
      path: shown,
      message: `unknown section, ignored by berth and kept on write${hint}`,
      source,
    });
  }
  if (hidden > 0) {
    warnings.push({
      path: '(file)',
      message: `${hidden} top-level key(s) that are not names, ignored by berth and kept on write (not shown)`,
      source,
    });
  }
  return warnings;
}

/**
 * Checks the shape of one source's data. `deep` also validates every profile entry on
 * its own (what a writer needs); the loader validates entries after merging instead.
 */
export function layerFromData(data: unknown, source: string, { deep = false } = {}): LayerResult {
  const layer: ConfigLayer = { source, profiles: {} };
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  if (data === undefined || data === null) return { layer, errors, warnings };
  if (!isPlainObject(data)) {
    errors.push({ path: '(file)', message: 'expected a mapping with `profiles` at the top level', source });
    return { layer, errors, warnings };
  }
  const keys = Object.keys(data);
  // Any YAML of `key:` lines is a mapping (each line of /etc/shadow ends in ':'): a file
  // with none of berth's keys is someone else's file, not an empty config.
  if (keys.length > 0 && !keys.some((key) => KNOWN_KEYS.has(key))) {
    errors.push({ path: '(file)', message: NOT_BERTH, source });
    return { layer, errors, warnings };
  }
  warnings.push(...unknownSectionWarnings(keys, source));
  if (data.trustedProjects !== undefined) {
    const list = data.trustedProjects;
    if (Array.isArray(list) && list.every((p) => typeof p === 'string' && p.length > 0))
      layer.trustedProjects = list;
    else errors.push({ path: 'trustedProjects', message: 'expected a list of folder paths', source });
  }
  if (data.backupRoots !== undefined) {
    const list = data.backupRoots;
    if (Array.isArray(list) && list.every((p) => typeof p === 'string' && p.length > 0))
      layer.backupRoots = list;
    else errors.push({ path: 'backupRoots', message: 'expected a list of folder paths', source });
  }
  if (data.defaultProfile !== undefined) {
    const parsed = ProfileName.safeParse(data.defaultProfile);
    if (parsed.success) layer.defaultProfile = parsed.data;
    else errors.push(...issuesFromZod(parsed.error, data.defaultProfile, ['defaultProfile'], () => source));
  }
  const profiles = data.profiles ?? {};
  if (!isPlainObject(profiles)) {
    errors.push({ path: 'profiles', message: 'expected a mapping of profile names to profiles', source });
    return { layer, errors, warnings };
  }
  const count = Object.keys(profiles).length;
  if (count > MAX_PROFILES) {
    errors.push({
      path: 'profiles',
      message: `${count} profiles; at most ${MAX_PROFILES} are allowed`,
      source,
    });
    return { layer, errors, warnings };
  }
  for (const [name, entry] of Object.entries(profiles)) {
    const named = ProfileName.safeParse(name);
    if (!named.success) {
      errors.push({
        path: `profiles.${shownKey(name) ?? '(a name not shown)'}`,
        message: named.error.issues[0]?.message ?? 'bad name',
        source,
      });
      continue;
    }
    if (!isPlainObject(entry)) {
      errors.push({ path: `profiles.${name}`, message: 'expected a mapping of profile settings', source });
      continue;
    }
    layer.profiles[name] = entry;
    if (!deep) continue;
    if (entry.type === undefined) errors.push(...partialEntryIssues(name, entry, source));
    else {
      const result = Profile.safeParse(entry);
      if (!result.success)
        errors.push(...issuesFromZod(result.error, entry, ['profiles', name], () => source));
    }
  }
  return { layer, errors, warnings };
}
