import {
  composeLabelsOf,
  type FileSource,
  type HostRunner,
  hostFileSource,
  loadComposeProject,
} from '@berth/discovery';
import type { Logger } from 'pino';
import type { ComposeEnvLookup } from './open-db-adapter.js';

export interface ComposeEnvLookupOptions {
  /** Interpolation environment of the project; default none (berth's own env is not compose's). */
  env?: Record<string, string>;
  logger?: Logger;
  signal?: AbortSignal;
}

/**
 * Reads a container's compose project where its files are: on the engine's host, through
 * `host.run` (a local process for a local profile, SSH for a remote one), by the compose
 * labels of the container (working directory, config files, project, service). Returns the
 * service's environment and the project's `.env`; undefined for a container compose did not
 * create, or whose files are gone (its own env is what counts then).
 */
export function composeEnvFromHost(
  host: HostRunner,
  options: ComposeEnvLookupOptions = {},
): ComposeEnvLookup {
  return composeEnvFromSource(hostFileSource(host), options);
}

export function composeEnvFromSource(
  source: FileSource,
  options: ComposeEnvLookupOptions = {},
): ComposeEnvLookup {
  return async ({ labels }) => {
    const compose = composeLabelsOf(labels);
    if (!compose?.workingDir) return undefined;
    try {
      const project = await loadComposeProject({
        cwd: compose.workingDir,
        projectDir: compose.workingDir,
        ...(compose.configFiles.length > 0 ? { files: compose.configFiles } : {}),
        projectName: compose.project,
        env: options.env ?? {},
        source,
        ...(options.logger ? { logger: options.logger } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const service = project.services.find((s) => s.name === compose.service);
      return { composeEnv: service?.environment ?? {}, dotEnv: project.dotEnv };
    } catch (error) {
      options.logger?.debug(
        { project: compose.project, error: (error as Error).message },
        'compose project unreadable',
      );
      return undefined;
    }
  };
}
