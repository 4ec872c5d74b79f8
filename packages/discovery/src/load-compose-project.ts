import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type LoaderContext, loadComposeFile } from './compose-file-loader.js';
import type { ComposeModel, ComposeProject } from './compose-project.js';
import { DiscoveryError } from './discovery-error.js';
import { parseDotEnv } from './dot-env.js';
import { COMPOSE_FILE_NAMES, type FindComposeFilesOptions, findComposeFiles } from './find-compose-files.js';
import type { Lookup } from './interpolate.js';
import { localFileSource } from './local-file-source.js';
import { mergeModels } from './merge-compose.js';
import { deriveProjectName } from './project-name.js';
import {
  addDefaultNetwork,
  nameResources,
  resolveEnvironments,
  resources,
  toServices,
} from './resolve-services.js';

export interface LoadComposeOptions extends FindComposeFilesOptions {
  /** `-p`: wins over `COMPOSE_PROJECT_NAME`, the file's `name` and the directory. */
  projectName?: string;
  /** `~` in paths; default: HOME of `env`, else the OS's. */
  home?: string;
  /**
   * Active profiles (`--profile`; `*` activates all); default: `COMPOSE_PROFILES` of the
   * environment or `.env`, comma-separated. Services of no active profile are left out, as
   * `docker compose config` leaves them out; their names are in `inactiveServices`.
   */
  profiles?: readonly string[];
}

/** Drops the services none of whose profiles is active; returns their names. */
function dropInactive(model: ComposeModel, active: readonly string[]): string[] {
  const inactive: string[] = [];
  for (const [name, service] of Object.entries(model.services)) {
    const profiles = (service.profiles as string[] | undefined) ?? [];
    if (profiles.length === 0 || active.includes('*') || profiles.some((p) => active.includes(p))) continue;
    inactive.push(name);
    delete model.services[name];
  }
  return inactive.sort();
}

/**
 * Finds, reads, interpolates, merges and normalises a compose project, as `docker compose
 * config` would. `.env` is read from the project directory given, else the first `-f`
 * file's directory, else `cwd` (not from a parent found by walking up: compose reads it
 * from where it runs). The process environment wins over `.env`; both feed interpolation,
 * `COMPOSE_FILE` and `COMPOSE_PROJECT_NAME`. Fails with NOT_FOUND when no compose file is found.
 */
export async function loadComposeProject(options: LoadComposeOptions = {}): Promise<ComposeProject> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const processEnv = options.env ?? process.env;
  const source = options.source ?? localFileSource();
  const firstGiven = options.files?.[0];
  const envDir = options.projectDir
    ? resolve(cwd, options.projectDir)
    : firstGiven
      ? dirname(resolve(cwd, firstGiven))
      : cwd;
  const dotEnvPath = join(envDir, '.env');
  const dotEnvText = await source.readText(dotEnvPath, options.signal);
  const lookupProcess: Lookup = (name) => processEnv[name];
  const dotEnv =
    dotEnvText === undefined ? {} : parseDotEnv(dotEnvText, { lookup: lookupProcess, file: dotEnvPath });
  const lookup: Lookup = (name) => processEnv[name] ?? dotEnv[name];
  options.logger?.debug({ file: dotEnvPath, found: dotEnvText !== undefined }, 'dotenv');

  const found = await findComposeFiles({ ...options, cwd, source, env: { ...dotEnv, ...processEnv } });
  if (!found) {
    const start = options.projectDir ? envDir : cwd;
    throw new DiscoveryError(
      'NOT_FOUND',
      `no compose file (${COMPOSE_FILE_NAMES.join(', ')}) in ${start} or any parent directory`,
      { file: start },
    );
  }
  const home = options.home ?? processEnv.HOME ?? homedir();
  const ctx: LoaderContext = { source, lookup, home, logger: options.logger, signal: options.signal };
  const paths = { baseDir: found.workingDir, home };
  const models = [];
  for (const file of found.files) models.push(await loadComposeFile(ctx, file, paths));
  const model = mergeModels(models) as ComposeModel;
  model.services ??= {};
  const { name, source: nameSource } = deriveProjectName({
    option: options.projectName,
    env: processEnv.COMPOSE_PROJECT_NAME,
    dotenv: dotEnv.COMPOSE_PROJECT_NAME,
    file: typeof model.name === 'string' ? model.name : undefined,
    workingDir: found.workingDir,
  });
  model.name = name;
  const active =
    options.profiles ??
    (lookup('COMPOSE_PROFILES') ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '');
  const inactiveServices = dropInactive(model, active);
  const envFiles = await resolveEnvironments(ctx, model, found.files[0] ?? found.workingDir);
  addDefaultNetwork(model);
  nameResources(name, model);
  const project: ComposeProject = {
    name,
    nameSource,
    workingDir: found.workingDir,
    files: found.files,
    dotEnv,
    model,
    services: toServices(model, envFiles),
    inactiveServices,
    volumes: resources(name, model.volumes),
    networks: resources(name, model.networks),
  };
  if (dotEnvText !== undefined) project.dotEnvFile = dotEnvPath;
  return project;
}
