import { posix } from 'node:path';
import { containPathLexically } from '@berth/security';
import { z } from 'zod';
import { ComposeError } from './compose-error.js';
import type { ComposeProject } from './compose-schemas.js';
import { HostPath, ProjectName } from './compose-schemas.js';
import { parseOptions } from './parsed-options.js';

/** The file name deploy writes; passed to compose with `--file`, so no other file in the folder is read. */
export const STACK_FILE = 'compose.yaml';
export const STACK_ENV_FILE = '.env';

const StackLocation = z.strictObject({ stack: ProjectName, composePath: HostPath });

/**
 * Where a deployed stack lives on its host, `<composePath>/<stack>`, and the project that
 * addresses it: `{ name, files: [<dir>/compose.yaml], directory }`. Pass that project to the
 * driver's jobs (`ps`, `stop`, `start`, `down`, ...) to act on a deployed stack.
 */
export function stackProject(
  composePath: string,
  stack: string,
): { directory: string; project: ComposeProject & { files: string[]; directory: string } } {
  const where = parseOptions(StackLocation, { stack, composePath }, 'stack location', {
    operation: 'deploy',
  });
  const directory = posix.join(where.composePath, where.stack);
  const contained = containPathLexically(where.composePath, directory);
  if (!contained.inside || contained.resolved === posix.normalize(where.composePath)) {
    // Unreachable with a valid name; kept so a change to the name rule cannot open a way out.
    throw new ComposeError(
      'INVALID',
      `stack ${JSON.stringify(stack)} is not a folder inside ${where.composePath}`,
      {
        operation: 'deploy',
      },
    );
  }
  return {
    directory,
    project: { name: where.stack, files: [posix.join(directory, STACK_FILE)], directory },
  };
}
