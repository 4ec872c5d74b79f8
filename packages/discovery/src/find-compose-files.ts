import { dirname, isAbsolute, resolve } from 'node:path';
import type { Logger } from 'pino';
import { DiscoveryError } from './discovery-error.js';
import type { FileSource } from './file-source.js';
import { localFileSource } from './local-file-source.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface FindComposeFilesOptions {
  /** Where the walk up starts, and what relative `-f` paths resolve against; default: process.cwd(). */
  cwd?: string;
  /** Files given explicitly (`-f`); they win over `COMPOSE_FILE` and the walk up. */
  files?: readonly string[];
  /** `--project-directory`: the working directory instead of the first file's directory. */
  projectDir?: string;
  /** Reads `COMPOSE_FILE` and `COMPOSE_PATH_SEPARATOR`; default: process.env. */
  env?: Env;
  /** Default: the local disk. */
  source?: FileSource;
  logger?: Logger;
  signal?: AbortSignal;
}

export interface ComposeFiles {
  /** Absolute paths, in merge order (overrides last). */
  files: string[];
  /** Absolute project directory. */
  workingDir: string;
  /** Which strategy found them. */
  via: 'option' | 'env' | 'walk-up';
}

/** Compose v2's order; v1 preferred `docker-compose.yml`, but a directory holds one of them in practice. */
export const COMPOSE_FILE_NAMES = [
  'compose.yaml',
  'compose.yml',
  'docker-compose.yml',
  'docker-compose.yaml',
] as const;
export const OVERRIDE_FILE_NAMES = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
] as const;

interface Context {
  cwd: string;
  start: string;
  options: FindComposeFilesOptions;
  env: Env;
  source: FileSource;
}

type Strategy = {
  name: ComposeFiles['via'];
  find: (ctx: Context) => Promise<string[] | undefined>;
};

/** `-f`: every file must exist. */
const explicitFiles: Strategy = {
  name: 'option',
  async find(ctx) {
    const files = ctx.options.files;
    if (!files || files.length === 0) return undefined;
    return existing(
      ctx,
      files.map((f) => resolve(ctx.cwd, f)),
      '-f',
    );
  },
};

/** `COMPOSE_FILE`, split on `COMPOSE_PATH_SEPARATOR` (default `:`), relative to the start directory. */
const composeFileEnv: Strategy = {
  name: 'env',
  async find(ctx) {
    const value = ctx.env.COMPOSE_FILE;
    if (value === undefined || value.trim() === '') return undefined;
    const separator = ctx.env.COMPOSE_PATH_SEPARATOR || ':';
    const files = value
      .split(separator)
      .map((f) => f.trim())
      .filter((f) => f !== '');
    return existing(
      ctx,
      files.map((f) => resolve(ctx.start, f)),
      'COMPOSE_FILE',
    );
  },
};

/** The first directory from the start upwards that holds a compose file; its override file after it. */
const walkUp: Strategy = {
  name: 'walk-up',
  async find(ctx) {
    let dir = ctx.start;
    for (;;) {
      const names = new Set((await ctx.source.list(dir, ctx.options.signal)) ?? []);
      const base = COMPOSE_FILE_NAMES.filter((n) => names.has(n));
      if (base[0] !== undefined) {
        if (base.length > 1) {
          ctx.options.logger?.warn(
            { dir, found: base, using: base[0] },
            'several compose files; using the first',
          );
        }
        const override = OVERRIDE_FILE_NAMES.find((n) => names.has(n));
        return [resolve(dir, base[0]), ...(override ? [resolve(dir, override)] : [])];
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  },
};

const STRATEGIES: readonly Strategy[] = [explicitFiles, composeFileEnv, walkUp];

async function existing(ctx: Context, files: string[], via: string): Promise<string[]> {
  for (const file of files) {
    const names = await ctx.source.list(dirname(file), ctx.options.signal);
    if (!names?.includes(file.slice(dirname(file).length + 1).replace(/^\//, ''))) {
      throw new DiscoveryError('NOT_FOUND', `compose file ${file} (from ${via}) does not exist`, { file });
    }
  }
  return files;
}

/**
 * The compose files of the project around `cwd`, found the way compose finds them: `-f`
 * files, else `COMPOSE_FILE`, else the nearest directory upwards with a compose file (and
 * its override file). Undefined when no strategy finds any.
 */
export async function findComposeFiles(
  options: FindComposeFilesOptions = {},
): Promise<ComposeFiles | undefined> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const start = options.projectDir ? resolve(cwd, options.projectDir) : cwd;
  const ctx: Context = {
    cwd,
    start,
    options,
    env: options.env ?? process.env,
    source: options.source ?? localFileSource(),
  };
  for (const strategy of STRATEGIES) {
    const files = await strategy.find(ctx);
    options.logger?.debug({ strategy: strategy.name, start, files }, 'compose file discovery');
    if (files && files[0] !== undefined) {
      const workingDir = options.projectDir ? start : dirname(files[0]);
      return {
        files,
        workingDir: isAbsolute(workingDir) ? workingDir : resolve(workingDir),
        via: strategy.name,
      };
    }
  }
  return undefined;
}
