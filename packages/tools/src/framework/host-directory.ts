import type { BerthConfig, ConfigIssue } from '@berth/config';
import type { HostEngine } from '@berth/engine';
import type { Logger } from 'pino';
import { type HostConfigStore, type HostSummary, hostSummaries } from './host-summary.js';
import { ToolError } from './tool-error.js';

/** The configured hosts and an engine client per host; follows the config file (hot reload). */
export interface HostDirectory {
  list(): HostSummary[];
  /** The profile used when a call names none; throws UNKNOWN_HOST when it names no enabled one. */
  defaultHost(): string;
  engine(host: string, options: { signal: AbortSignal }): Promise<HostEngine>;
  /** The current config's warnings: an ignored project file, loosening it cut, insecure choices. */
  warnings(): readonly ConfigIssue[];
  config: HostConfigStore;
  dispose(): Promise<void>;
}

export interface HostDirectoryOptions {
  configPath?: string | undefined;
  /** `--host`: the profile used when a call names none. */
  defaultHost?: string | undefined;
  /** `--trust-project`: read the project file without the user file listing its folder. */
  trustProject?: boolean | undefined;
  env: NodeJS.ProcessEnv;
  home: string;
  logger: Logger;
}

/**
 * Builds the directory: config watcher, client pool following it, host summaries derived
 * from the current config on every call. The packages are imported here, lazily, so the
 * bundler leaves them in chunks that initialize and tools/list never parse.
 */
export async function createHostDirectory(options: HostDirectoryOptions): Promise<HostDirectory> {
  const { env, logger, home } = options;
  const [{ watchConfig, configWriteTarget }, { createClientPool, followConfig }, { openHostEngine }] =
    await Promise.all([import('@berth/config/load'), import('@berth/client-pool'), import('@berth/engine')]);
  const location = { configPath: options.configPath, trustProject: options.trustProject === true, env, home };
  const watcher = await watchConfig({ ...location, logger: logger.child({ subsystem: 'config' }) });
  const pool = createClientPool({
    config: watcher.current,
    env,
    homeDir: home,
    logger: logger.child({ subsystem: 'client-pool' }),
  });
  followConfig(pool, watcher, { logger });
  const config: HostConfigStore = {
    writeTarget: () => configWriteTarget(location),
    reload: () => watcher.reload(),
    profiles: () => watcher.current.profiles,
    backupRoots: () => watcher.current.backupRoots,
    home,
    env,
  };
  let cached: { from: BerthConfig; warnings: readonly ConfigIssue[]; hosts: HostSummary[] } | undefined;
  const list = (): HostSummary[] => {
    const { current, warnings } = watcher;
    if (cached?.from !== current || cached.warnings !== warnings)
      cached = { from: current, warnings, hosts: hostSummaries(current, options.defaultHost, warnings) };
    return cached.hosts;
  };
  return {
    list,
    defaultHost: () => {
      const found = list().find((h) => h.isDefault);
      if (found) return found.name;
      const wanted = options.defaultHost ?? watcher.current.defaultProfile ?? 'local';
      const known = list().map((h) => h.name);
      throw new ToolError(
        'UNKNOWN_HOST',
        `Default host '${wanted}' names no enabled profile; known: ${known.join(', ') || 'none'}`,
      );
    },
    engine: (host, { signal }) => openHostEngine(pool, host, { signal }),
    warnings: () => watcher.warnings,
    config,
    dispose: async () => {
      await watcher.close();
      await pool.dispose();
    },
  };
}
