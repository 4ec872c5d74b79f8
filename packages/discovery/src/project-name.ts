import { basename } from 'node:path';
import { DiscoveryError } from './discovery-error.js';

const VALID = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * A directory name as compose turns it into a project name: lower case, only `a-z0-9_-`
 * kept, leading `_` and `-` dropped. Empty when nothing is left.
 */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export interface ProjectNameInputs {
  /** `-p`. */
  option?: string | undefined;
  /** `COMPOSE_PROJECT_NAME` of the process environment. */
  env?: string | undefined;
  /** `COMPOSE_PROJECT_NAME` of `.env`. */
  dotenv?: string | undefined;
  /** The merged model's top-level `name`. */
  file?: string | undefined;
  /** The project directory. */
  workingDir: string;
}

export type ProjectNameSource = 'option' | 'env' | 'dotenv' | 'file' | 'directory';

/**
 * The project name the way compose derives it: `-p`, else `COMPOSE_PROJECT_NAME` (the
 * environment, then `.env`), else the file's `name`, else the project directory's name,
 * normalised. A name given explicitly must already be valid: compose refuses, not rewrites it.
 */
export function deriveProjectName(inputs: ProjectNameInputs): { name: string; source: ProjectNameSource } {
  const given: Array<[ProjectNameSource, string | undefined]> = [
    ['option', inputs.option],
    ['env', inputs.env],
    ['dotenv', inputs.dotenv],
    ['file', inputs.file],
  ];
  for (const [source, value] of given) {
    if (value === undefined || value === '') continue;
    if (!VALID.test(value)) {
      throw new DiscoveryError(
        'INVALID',
        `project name "${value}" (from ${source}) must be lower-case letters, digits, "_" or "-", starting with a letter or digit`,
        { source },
      );
    }
    return { name: value, source };
  }
  const name = normalizeProjectName(basename(inputs.workingDir));
  if (name === '') {
    throw new DiscoveryError(
      'INVALID',
      `the directory ${inputs.workingDir} gives no valid project name; pass one (-p or COMPOSE_PROJECT_NAME)`,
      { file: inputs.workingDir },
    );
  }
  return { name, source: 'directory' };
}
