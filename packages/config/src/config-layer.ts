import { parseDocument } from 'yaml';
import type { ConfigIssue } from './config-issue.js';
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
  profiles: Record<string, Record<string, unknown>>;
}

export interface LayerResult {
  layer: ConfigLayer;
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

/** YAML 1.2 only (so `yes` stays a string), duplicate keys are errors, aliases are capped. */
export const YAML_PARSE_OPTIONS = { version: '1.2', uniqueKeys: true, prettyErrors: true } as const;
export const YAML_TOJS_OPTIONS = { maxAliasCount: 100 } as const;

/** Top-level keys that belong to berth's config; others are kept on write but ignored. */
const KNOWN_KEYS = new Set(['defaultProfile', 'profiles', '$schema']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Parses YAML text; syntax errors become `(file)` issues with line and column. */
export function parseConfigText(text: string, source: string): { data: unknown; errors: ConfigIssue[] } {
  const doc = parseDocument(text, YAML_PARSE_OPTIONS);
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) => {
      const pos = error.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
      const first = error.message.split('\n')[0] ?? error.message;
      return {
        path: '(file)',
        message: `${where}${first.replace(/ at line \d+, column \d+:?$/, '')}`,
        source,
      };
    });
    return { data: undefined, errors };
  }
  try {
    return { data: doc.toJS(YAML_TOJS_OPTIONS), errors: [] };
  } catch (error) {
    return { data: undefined, errors: [{ path: '(file)', message: (error as Error).message, source }] };
  }
}

/** Validates an entry without `type` against the one profile type that has all its keys. */
function partialEntryIssues(name: string, entry: Record<string, unknown>, source: string): ConfigIssue[] {
  const schemas = [LocalProfile, TcpProfile, SshProfile];
  const keys = Object.keys(entry);
  const schema = schemas.find((s) => keys.every((key) => key in s.shape));
  if (!schema) {
    const unknown = keys.filter((key) => !schemas.some((s) => key in s.shape));
    if (unknown.length > 0) {
      return unknown.map((key) => ({ path: `profiles.${name}.${key}`, message: 'unknown key', source }));
    }
    return [
      { path: `profiles.${name}`, message: 'mixes keys of different profile types; add `type`', source },
    ];
  }
  const result = schema.partial().safeParse(entry);
  return result.success ? [] : issuesFromZod(result.error, entry, ['profiles', name], () => source);
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
  for (const key of Object.keys(data)) {
    if (KNOWN_KEYS.has(key)) continue;
    const hint = key === 'hosts' ? ' (did you mean "profiles"?)' : '';
    warnings.push({
      path: key,
      message: `unknown section, ignored by berth and kept on write${hint}`,
      source,
    });
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
  for (const [name, entry] of Object.entries(profiles)) {
    const named = ProfileName.safeParse(name);
    if (!named.success) {
      errors.push({
        path: `profiles.${name}`,
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
