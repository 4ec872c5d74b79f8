import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { berthPaths } from './berth-paths.js';
import { readConfigFile } from './config-file-read.js';
import type { ConfigIssue } from './config-issue.js';
import { layerFromData } from './config-layer.js';
import { isTrustedProject } from './project-trust.js';

/** Where a setting came from, highest precedence first: flag, project, user, env; `default` is the implicit profile. */
export type ConfigSourceKind = 'flag' | 'project' | 'user' | 'env' | 'default';

export interface ConfigSource {
  kind: ConfigSourceKind;
  /** The file, for file sources. */
  path?: string;
}

/** Ambient inputs of loading; every one has a default so apps pass only what they parsed. */
export interface ConfigLocationOptions {
  /** `--config`: an explicit file, relative to `cwd`; overrides BERTH_CONFIG. Must exist. Then it is the only file read. */
  configPath?: string;
  /** `--trust-project`: read the project file even when the user file does not list its folder in `trustedProjects`. */
  trustProject?: boolean;
  /** Where the project file `berth.yaml` (or `berth.yml`) is looked for. Default: process.cwd(). */
  cwd?: string;
  /** Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Default: os.homedir(). */
  home?: string;
}

/** A file that may hold config; `required` files must exist. */
export interface ConfigFileCandidate {
  kind: 'flag' | 'project' | 'user';
  path: string;
  required: boolean;
}

export const PROJECT_FILE_NAMES = ['berth.yaml', 'berth.yml'] as const;

/**
 * Every file that could hold config, highest first; the watcher watches all of them,
 * existing or not. An explicit file is the only one: no project or user file is mixed in.
 */
export function configFileCandidates(options: ConfigLocationOptions = {}): ConfigFileCandidate[] {
  const { cwd = process.cwd(), env = process.env, home = homedir() } = options;
  const explicit = options.configPath ?? (env.BERTH_CONFIG || undefined);
  if (explicit) return [{ kind: 'flag', path: resolve(cwd, explicit), required: true }];
  const candidates: ConfigFileCandidate[] = [];
  for (const name of PROJECT_FILE_NAMES)
    candidates.push({ kind: 'project', path: join(cwd, name), required: false });
  candidates.push({ kind: 'user', path: berthPaths({ env, home }).userConfigFile, required: false });
  return candidates;
}

async function fileKind(path: string): Promise<'file' | 'missing' | 'other'> {
  try {
    return (await stat(path)).isFile() ? 'file' : 'other';
  } catch {
    return 'missing';
  }
}

const isFile = async (path: string) => (await fileKind(path)) === 'file';

/**
 * The files that apply, highest first: the explicit file, the first project file found,
 * the user file. A missing explicit file is an error; a second project file a warning.
 */
export async function findConfigFiles(
  options: ConfigLocationOptions = {},
): Promise<{ files: ConfigSource[]; errors: ConfigIssue[]; warnings: ConfigIssue[] }> {
  const files: ConfigSource[] = [];
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  let projectFound: string | undefined;
  for (const candidate of configFileCandidates(options)) {
    const kind = await fileKind(candidate.path);
    if (kind !== 'file') {
      const message = kind === 'missing' ? 'config file not found' : 'not a regular file';
      if (candidate.required) errors.push({ path: '(file)', message, source: candidate.path });
      else if (kind === 'other')
        warnings.push({ path: '(file)', message: `${message}, ignored`, source: candidate.path });
      continue;
    }
    if (candidate.kind === 'project') {
      if (projectFound) {
        warnings.push({
          path: '(file)',
          message: `ignored: ${projectFound} is used; keep one project file`,
          source: candidate.path,
        });
        continue;
      }
      projectFound = candidate.path;
    }
    if (files.some((file) => file.path === candidate.path)) continue;
    files.push({ kind: candidate.kind, path: candidate.path });
  }
  return { files, errors, warnings };
}

/** The directories to watch for the candidate files (renames replace files, so watch their folders). */
export function candidateDirectories(candidates: ConfigFileCandidate[]): string[] {
  return [...new Set(candidates.map((candidate) => dirname(candidate.path)))];
}

/** The folders the user file trusts; none when it is missing or unreadable. */
async function userTrustedProjects(userFile: string): Promise<string[]> {
  const read = await readConfigFile(userFile);
  if (!read.ok) return [];
  const { parseConfigText } = await import('./config-text.js');
  return layerFromData(parseConfigText(read.text, userFile).data, userFile).layer.trustedProjects ?? [];
}

/**
 * The file writes go to: the explicit file, else the project file in use (trusted), else
 * the user file (created on the first write). Mirrors which file the user would edit by hand.
 */
export async function configWriteTarget(options: ConfigLocationOptions = {}): Promise<string> {
  const candidates = configFileCandidates(options);
  const explicit = candidates.find((c) => c.kind === 'flag');
  if (explicit) return explicit.path;
  const user = (candidates.find((c) => c.kind === 'user') as ConfigFileCandidate).path;
  for (const candidate of candidates) {
    if (candidate.kind !== 'project' || !(await isFile(candidate.path))) continue;
    const trusted =
      options.trustProject === true ||
      (await isTrustedProject(candidate.path, await userTrustedProjects(user), {
        userFile: user,
        home: options.home ?? homedir(),
      }));
    return trusted ? candidate.path : user;
  }
  return user;
}
