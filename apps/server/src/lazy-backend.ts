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

async function buildBackend(options: BackendOptions): Promise<ToolBackend> {
  const started = performance.now();
  const { env, logger } = options;
  const [{ loadConfig, requireConfig }, { createClientPool }] = await Promise.all([
    import('@berth/config'),
    import('@berth/client-pool'),
  ]);
  const loaded = await loadConfig({
    configPath: options.configPath,
    env,
    logger: logger.child({ subsystem: 'config' }),
  });
  for (const warning of loaded.warnings) logger.warn({ warning }, 'config warning');
  const config = requireConfig(loaded);
  const profiles = Object.entries(config.profiles).filter(([, p]) => p.enabled !== false);
  const names = profiles.map(([name]) => name);
  const defaultHost =
    options.defaultHost ??
    config.defaultProfile ??
    (names.includes('local') ? 'local' : (names[0] ?? 'local'));
  if (!names.includes(defaultHost)) {
    const known = names.length > 0 ? names.join(', ') : 'none';
    throw new ToolError(
      'UNKNOWN_HOST',
      `Default host '${defaultHost}' names no enabled profile; known: ${known}`,
    );
  }
  const hosts: HostSummary[] = profiles.map(([name, p]) => ({
    name,
    type: p.type,
    readOnly: p.readOnly,
    isDefault: name === defaultHost,
    ...(p.description ? { description: p.description } : {}),
  }));
  const pool = createClientPool({ config, env, logger: logger.child({ subsystem: 'client-pool' }) });
  logger.debug({ ms: Math.round(performance.now() - started), hosts: names }, 'backend ready');
  return {
    hosts: () => hosts,
    defaultHost: () => defaultHost,
    acquire: async (host, { signal }) => {
      const client = await pool.acquire(host, { signal });
      return { docker: client.docker, readOnly: client.readOnly };
    },
  };
}
