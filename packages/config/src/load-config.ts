import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import type { Logger } from 'pino';
import { berthPaths } from './berth-paths.js';
import { ConfigError } from './config-error.js';
import { type ConfigIssue, formatIssue } from './config-issue.js';
import { type ConfigLayer, layerFromData, parseConfigText } from './config-layer.js';
import { checkConfigRules } from './config-rules.js';
import { type ConfigLocationOptions, type ConfigSource, findConfigFiles } from './config-sources.js';
import { readEnvSettings } from './env-settings.js';
import { mergeLayers, originOf } from './merge-layers.js';
import { normalizeConfig } from './normalize-config.js';
import type { BerthConfig } from './profile-schema.js';

export interface LoadConfigOptions extends ConfigLocationOptions {
  /** Debug lines about each source tried; never required. */
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

/**
 * Loads the configuration: parse every source, merge them (flag > project > user > env),
 * normalize, then check the rules. Never throws for bad config; returns dot-path issues.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadConfigResult> {
  const { env = process.env, home = homedir(), logger } = options;
  const found = await findConfigFiles(options);
  const errors = [...found.errors];
  const warnings = [...found.warnings];
  const sources: ConfigSource[] = [];
  const layers: ConfigLayer[] = [];

  for (const file of found.files) {
    const path = file.path as string;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      errors.push({ path: '(file)', message: `cannot read: ${(error as Error).message}`, source: path });
      continue;
    }
    logger?.debug({ file: path, kind: file.kind }, 'config source');
    const parsed = parseConfigText(text, path);
    errors.push(...parsed.errors);
    const layer = layerFromData(parsed.data, path);
    errors.push(...layer.errors);
    warnings.push(...layer.warnings);
    layers.push(layer.layer);
    sources.push(file);
  }

  const settings = readEnvSettings(env);
  warnings.push(...settings.warnings);
  if (settings.defaultProfile) {
    const envLayer = layerFromData({ defaultProfile: settings.defaultProfile }, 'env');
    errors.push(...envLayer.errors);
    layers.push(envLayer.layer);
  }
  if (settings.defaultProfile || settings.readOnly || settings.dockerHost) sources.push({ kind: 'env' });

  const merged = mergeLayers(layers);
  if (Object.keys(merged.profiles).length === 0) sources.push({ kind: 'default' });
  const normalized = normalizeConfig(merged, { env, home, settings });
  errors.push(...normalized.errors);
  warnings.push(...normalized.warnings);

  const sourceOf = (path: string) => originOf(merged.origins, path);
  if (normalized.config && errors.length === 0) {
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
