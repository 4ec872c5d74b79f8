import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Logger } from 'pino';
import { berthPaths, expandHome } from './berth-paths.js';
import { ConfigError } from './config-error.js';
import { readConfigFile } from './config-file-read.js';
import { type ConfigIssue, formatIssue } from './config-issue.js';
import { type ConfigLayer, layerFromData } from './config-layer.js';
import { checkConfigRules } from './config-rules.js';
import { type ConfigLocationOptions, type ConfigSource, findConfigFiles } from './config-sources.js';
import { readEnvSettings } from './env-settings.js';
import { mergeLayers, originOf } from './merge-layers.js';
import { normalizeConfig } from './normalize-config.js';
import type { BerthConfig } from './profile-schema.js';
import { isTrustedProject, untrustedProjectMessage } from './project-trust.js';
import { readOnlyTwins } from './read-only-twins.js';
import { tightenProjectLayer } from './tighten-project-layer.js';

export interface LoadConfigOptions extends ConfigLocationOptions {
  /** Debug lines about each source tried, a warning per config warning; never required. */
  logger?: Logger;
}

interface LoadOutcome {
  warnings: ConfigIssue[];
  /** The sources that contributed, highest first. */
  sources: ConfigSource[];
}

/** `ok: true` carries a config; `ok: false` carries the errors that prevented one. */
export type LoadConfigResult =
  | (LoadOutcome & { ok: true; config: BerthConfig; errors: [] })
  | (LoadOutcome & { ok: false; config: undefined; errors: ConfigIssue[] });

interface FileLayers {
  layers: ConfigLayer[];
  sources: ConfigSource[];
  /** Profiles a trusted project file added, and that file. */
  added: { names: string[]; source: string };
  trustedProjects: string[];
  /** The base file's backup folders, `~` expanded and resolved against that file's folder. */
  backupRoots: string[];
}

/** Reads one file into a layer; a file that cannot be read (or is too large) is an error. */
async function readLayer(file: ConfigSource, errors: ConfigIssue[], warnings: ConfigIssue[]) {
  const path = file.path as string;
  const read = await readConfigFile(path);
  if (!read.ok) {
    errors.push({ path: '(file)', message: read.message, source: path });
    return undefined;
  }
  const { parseConfigText } = await import('./config-text.js');
  const parsed = parseConfigText(read.text, path);
  errors.push(...parsed.errors);
  const layer = layerFromData(parsed.data, path);
  errors.push(...layer.errors);
  warnings.push(...layer.warnings);
  return layer.layer;
}

/**
 * The file layers, highest first. The user file (or the one explicit file) is read first:
 * it says whether the project file is trusted, which is read only then, and cut down to
 * what tightens the user file.
 */
async function fileLayers(
  options: LoadConfigOptions,
  home: string,
  errors: ConfigIssue[],
  warnings: ConfigIssue[],
): Promise<FileLayers> {
  const found = await findConfigFiles(options);
  errors.push(...found.errors);
  warnings.push(...found.warnings);
  const out: FileLayers = {
    layers: [],
    sources: [],
    added: { names: [], source: '' },
    trustedProjects: [],
    backupRoots: [],
  };
  const base = found.files.find((f) => f.kind !== 'project');
  const project = found.files.find((f) => f.kind === 'project');
  const baseLayer = base ? await readLayer(base, errors, warnings) : undefined;
  if (base?.kind === 'user') out.trustedProjects = baseLayer?.trustedProjects ?? [];
  // The project layer never reaches this: its backupRoots are cut (and warned) by tightening.
  if (base?.path && baseLayer?.backupRoots) {
    const from = dirname(base.path);
    out.backupRoots = baseLayer.backupRoots.map((p) => resolve(from, expandHome(p, home)));
  }
  if (project?.path) {
    const userFile = berthPaths({ env: options.env ?? process.env, home }).userConfigFile;
    const trusted =
      options.trustProject === true ||
      (await isTrustedProject(project.path, out.trustedProjects, { userFile, home }));
    options.logger?.debug({ file: project.path, trusted }, 'project file');
    if (!trusted) {
      warnings.push({
        path: '(file)',
        message: untrustedProjectMessage(project.path, userFile),
        source: project.path,
      });
    } else {
      const layer = await readLayer(project, errors, warnings);
      if (layer) {
        const tightened = tightenProjectLayer(layer, baseLayer);
        warnings.push(...tightened.warnings);
        out.layers.push(tightened.layer);
        out.sources.push(project);
        out.added = { names: tightened.added, source: project.path };
      }
    }
  }
  if (base && baseLayer) {
    options.logger?.debug({ file: base.path, kind: base.kind }, 'config source');
    out.layers.push(baseLayer);
    out.sources.push(base);
  }
  return out;
}

/**
 * Loads the configuration: the explicit file alone, or the user file and a trusted project
 * file that may only tighten it; then the environment. Merge, normalize, check the rules.
 * Never throws for bad config; returns dot-path issues.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadConfigResult> {
  const { env = process.env, home = homedir(), logger } = options;
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const files = await fileLayers(options, home, errors, warnings);
  const { layers, sources } = files;

  const settings = readEnvSettings(env);
  warnings.push(...settings.warnings);
  if (settings.defaultProfile) {
    const envLayer = layerFromData({ defaultProfile: settings.defaultProfile }, 'env');
    errors.push(...envLayer.errors);
    layers.push(envLayer.layer);
  }
  if (settings.defaultProfile || settings.readOnly || settings.dockerHost) sources.push({ kind: 'env' });

  const merged = mergeLayers(layers);
  merged.trustedProjects = files.trustedProjects;
  merged.backupRoots = files.backupRoots;
  if (Object.keys(merged.profiles).length === 0) sources.push({ kind: 'default' });
  const normalized = normalizeConfig(merged, { env, home, settings });
  errors.push(...normalized.errors);
  warnings.push(...normalized.warnings);

  const sourceOf = (path: string) => originOf(merged.origins, path);
  if (normalized.config && errors.length === 0) {
    warnings.push(...readOnlyTwins(normalized.config, files.added.names, files.added.source));
    const rules = await checkConfigRules(normalized.config, { paths: berthPaths({ env, home }), sourceOf });
    errors.push(...rules.errors);
    warnings.push(...rules.warnings);
  }
  const attribute = (issue: ConfigIssue): ConfigIssue => {
    if (issue.source) return issue;
    const source = sourceOf(issue.path);
    return source && source !== 'default' ? { ...issue, source } : issue;
  };
  const outcome = { warnings: warnings.map(attribute), sources };
  for (const warning of outcome.warnings)
    logger?.warn({ path: warning.path, source: warning.source }, warning.message);
  if (normalized.config && errors.length === 0) {
    return { ...outcome, ok: true, config: normalized.config, errors: [] };
  }
  return { ...outcome, ok: false, config: undefined, errors: errors.map(attribute) };
}

/** The config of a successful load, or INVALID_CONFIG listing every error, for callers that cannot go on without one. */
export function requireConfig(result: LoadConfigResult): BerthConfig {
  if (result.ok) return result.config;
  throw new ConfigError('INVALID_CONFIG', `invalid config: ${result.errors.map(formatIssue).join('; ')}`, {
    issues: result.errors,
  });
}
