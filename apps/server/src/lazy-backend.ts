import { homedir } from 'node:os';
import type { BerthConfig } from '@berth/config';
import type { HostSummary, ToolBackend } from '@berth/tools';
import { ToolError } from '@berth/tools';
import type { Logger } from 'pino';

export interface BackendOptions {
  configPath?: string;
  /** `--host`: the profile used when a call names none. */
  defaultHost?: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

/**
 * The tools' backend, built on the first tool call and kept: initialize and tools/list
 * never read the config or load the Docker client (both are imported here, lazily, so the
 * bundler leaves them in chunks start-up never parses). A failed build is retried next call.
 */
export function lazyBackend(options: BackendOptions): () => Promise<ToolBackend> {
  let built: Promise<ToolBackend> | undefined;
  return () => {
    built ??= buildBackend(options).catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}

interface HostView {
  hosts: HostSummary[];
  defaultHost: string | undefined;
  names: string[];
}

async function buildBackend(options: BackendOptions): Promise<ToolBackend> {
  const started = performance.now();
  const { env, logger } = options;
  const [{ watchConfig, configWriteTarget }, { createClientPool, followConfig }] = await Promise.all([
    import('@berth/config'),
    import('@berth/client-pool'),
  ]);
  const home = env.HOME || homedir();
  const location = { configPath: options.configPath, env, home };
  // Hot reload: the watcher keeps the last good config, the pool follows it (evicting the
  // clients of changed profiles), and the host list below is derived from it on every call.
  const watcher = await watchConfig({ ...location, logger: logger.child({ subsystem: 'config' }) });
  const pool = createClientPool({
    config: watcher.current,
    env,
    logger: logger.child({ subsystem: 'client-pool' }),
  });
  followConfig(pool, watcher, { logger });
  const config = {
    writeTarget: () => configWriteTarget(location),
    reload: () => watcher.reload(),
    home,
    env,
  };
  let cached: { from: BerthConfig; view: HostView } | undefined;
  const view = (): HostView => {
    const current = watcher.current;
    if (cached?.from !== current)
      cached = { from: current, view: hostView(current, options.defaultHost, config) };
    return cached.view;
  };
  logger.debug({ ms: Math.round(performance.now() - started), hosts: view().names }, 'backend ready');
  return {
    hosts: () => view().hosts,
    defaultHost: () => {
      const { defaultHost, names } = view();
      if (defaultHost !== undefined) return defaultHost;
      const wanted = options.defaultHost ?? watcher.current.defaultProfile ?? 'local';
      const known = names.length > 0 ? names.join(', ') : 'none';
      throw new ToolError(
        'UNKNOWN_HOST',
        `Default host '${wanted}' names no enabled profile; known: ${known}`,
      );
    },
    acquire: async (host, { signal }) => {
      const client = await pool.acquire(host, { signal });
      return { docker: client.docker, readOnly: client.readOnly };
    },
    config,
  };
}

function hostView(
  config: BerthConfig,
  flagDefault: string | undefined,
  store: HostSummary['config'],
): HostView {
  const profiles = Object.entries(config.profiles).filter(([, p]) => p.enabled !== false);
  const names = profiles.map(([name]) => name);
  const wanted =
    flagDefault ?? config.defaultProfile ?? (names.includes('local') ? 'local' : (names[0] ?? 'local'));
  const defaultHost = names.includes(wanted) ? wanted : undefined;
  const hosts: HostSummary[] = profiles.map(([name, p]) => ({
    name,
    type: p.type,
    readOnly: p.readOnly,
    isDefault: name === defaultHost,
    timeoutMs: p.timeoutMs,
    ...(p.description ? { description: p.description } : {}),
    ...(p.tags.length > 0 ? { tags: p.tags } : {}),
    ...(store ? { config: store } : {}),
  }));
  return { hosts, defaultHost, names };
}
