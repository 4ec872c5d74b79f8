import type { ComposeVersion } from './compose-driver-types.js';
import type { ParsedProject } from './parsed-options.js';

/**
 * `--project-name`, `--file`, `--project-directory` and `--env-file` for one project,
 * each value as its own argv element after its flag: validated values (absolute paths and
 * compose names) never start with `-`, so none can be read as an option.
 */
export function projectArgs(project: ParsedProject): string[] {
  const args = ['--project-name', project.name];
  for (const file of project.files) args.push('--file', file);
  if (project.directory !== undefined) args.push('--project-directory', project.directory);
  if (project.envFile !== undefined) args.push('--env-file', project.envFile);
  return args;
}

/** The full argv of one job: the compose command, project flags, the subcommand and its arguments. */
export function composeArgv(
  version: ComposeVersion,
  project: ParsedProject | undefined,
  subcommand: string,
  args: readonly string[] = [],
  services: readonly string[] = [],
): string[] {
  const argv = [...version.command];
  // v1 reads --ansi only from 1.28 on; both understand it and it keeps progress free of escape codes.
  argv.push('--ansi', 'never');
  if (project) argv.push(...projectArgs(project));
  argv.push(subcommand, ...args);
  // v2 reads `--` as the end of options, so a service list can never be read as flags. v1's
  // docopt takes `--` for a service name in some subcommands (`start -- web` fails), so v1
  // gets none; the names are validated never to start with `-` either way.
  if (services.length > 0) argv.push(...(version.flavour === 'v2' ? ['--'] : []), ...services);
  return argv;
}
