import type { BerthConfig } from '@berth/config';
import type { HostEngine } from '@berth/engine';
import type { Logger } from 'pino';
import type { HostConfigStore, HostSummary } from './host-summary.js';
import { ToolError } from './tool-error.js';

/** The configured hosts and an engine client per host; follows the config file (hot reload). */
export interface HostDirectory {
  list(): HostSummary[];
  /** The profile used when a call names none; throws UNKNOWN_HOST when it names no enabled one. */
  defaultHost(): string;
  engine(host: string, options: { signal: AbortSignal }): Promise<HostEngine>;
  config: HostConfigStore;
  dispose(): Promise<void>;
}

export interface HostDirectoryOptions {
  configPath?: string | undefined;
  /** `--host`: the profile used when a call names none. */
  defaultHost?: string | undefined;
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
    await Promise.all([import('@berth/config'), import('@berth/client-pool'), import('@berth/engine')]);
  const location = { configPath: options.configPath, env, home };
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
    home,
    env,
  };
  let cached: { from: BerthConfig; hosts: HostSummary[] } | undefined;
  const list = (): HostSummary[] => {
    const current = watcher.current;
    if (cached?.from !== current) cached = { from: current, hosts: summaries(current, options.defaultHost) };
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
    config,
    dispose: async () => {
      await watcher.close();
      await pool.dispose();
    },
  };
}

function summaries(config: BerthConfig, flagDefault: string | undefined): HostSummary[] {
  const profiles = Object.entries(config.profiles).filter(([, p]) => p.enabled !== false);
  const names = profiles.map(([name]) => name);
  const wanted =
    flagDefault ?? config.defaultProfile ?? (names.includes('local') ? 'local' : (names[0] ?? 'local'));
  return profiles.map(([name, p]) => ({
    name,
    type: p.type,
    readOnly: p.readOnly,
    isDefault: name === wanted,
    noConfirm: (p as { confirm?: boolean }).confirm === false,
    timeoutMs: p.timeoutMs,
    ...(p.description ? { description: p.description } : {}),
    ...(p.tags.length > 0 ? { tags: p.tags } : {}),
  }));
}
