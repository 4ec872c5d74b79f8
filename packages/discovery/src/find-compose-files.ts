import type { Logger } from 'pino';
import type { FileSource } from './file-source.js';

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

/** The compose files of the project around `cwd`, or undefined when there are none. */
export async function findComposeFiles(
  _options: FindComposeFilesOptions = {},
): Promise<ComposeFiles | undefined> {
  throw new Error('not implemented yet');
}
