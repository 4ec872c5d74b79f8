import { createHash } from 'node:crypto';
import { backendToolSource, type ManagedBackendSet, type ToolSource } from '@berth/provisioning';
import type { Logger } from 'pino';

export interface CatalogBackendsOptions {
  /** `--catalog`: the servers to serve beside berth's tools. */
  catalogPath: string;
  configPath?: string | undefined;
  trustProject?: boolean | undefined;
  env: NodeJS.ProcessEnv;
  home: string;
  logger: Logger;
  /** Labels added to every container and network started (tests pass theirs). */
  extraLabels?: Record<string, string>;
}

/** The catalog's servers as aggregation sources, and what /metrics and shutdown need of them. */
export interface CatalogBackends {
  readonly set: ManagedBackendSet;
  /** One source per server, in catalog order. */
  sources(): ToolSource[];
  /** Called after a catalog reload with the servers whose lists must be fetched again. */
  onChange(listener: (changed: string[]) => void): () => void;
  /** Running containers by server, counted on each engine the catalog's servers use. */
  containers(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/**
 * Opens the catalog (watched: an edit adds, changes or removes servers while the gateway
 * runs) and the backend set over berth's client pool. Nothing starts a server here: the
 * set only reaps dead gateways' containers, and each server starts on its first call.
 */
export async function openCatalogBackends(options: CatalogBackendsOptions): Promise<CatalogBackends> {
  const { env, home, logger } = options;
  const [{ loadConfig, requireConfig }, { createClientPool }, { openHostEngine }, provisioning] =
    await Promise.all([
      import('@berth/config'),
      import('@berth/client-pool'),
      import('@berth/engine'),
      import('@berth/provisioning'),
    ]);
  const config = requireConfig(
    await loadConfig({
      configPath: options.configPath,
      trustProject: options.trustProject === true,
      env,
      home,
    }),
  );
  const pool = createClientPool({
    config,
    env,
    homeDir: home,
    logger: logger.child({ subsystem: 'client-pool' }),
  });
  const watcher = await provisioning.watchCatalog(options.catalogPath, {
    env,
    logger: logger.child({ subsystem: 'catalog' }),
  });
  const set = await provisioning.createBackendSet({
    catalog: watcher,
    pool,
    logger: logger.child({ subsystem: 'backends' }),
    ...(options.extraLabels ? { extraLabels: options.extraLabels } : {}),
  });
  const profiles = () => [
    ...new Set(
      Object.values(watcher.current.catalog.servers)
        .filter((s) => s.image)
        .map((s) => s.profile),
    ),
  ];
  return {
    set,
    // The version is the server's catalog entry: an edited entry is listed afresh, not from the cache.
    sources: () =>
      set.all().map((backend) =>
        backendToolSource(
          backend,
          createHash('sha256')
            .update(JSON.stringify(watcher.current.catalog.servers[backend.name] ?? null))
            .digest('hex')
            .slice(0, 16),
        ),
      ),
    onChange(listener) {
      return set.onChange((change) => listener([...change.changed]));
    },
    async containers() {
      const counts: Record<string, number> = {};
      for (const profile of profiles()) {
        const signal = AbortSignal.timeout(5_000);
        const engine = await openHostEngine(pool, profile, { signal });
        const page = await engine.containers.list({
          all: false,
          filters: { label: [`${provisioning.GATEWAY_LABEL}=${set.gatewayId}`] },
        });
        for (const container of page.items) {
          const server = container.labels[provisioning.SERVER_LABEL] ?? 'unknown';
          counts[server] = (counts[server] ?? 0) + 1;
        }
      }
      return counts;
    },
    async close() {
      await set.close();
      await watcher[Symbol.asyncDispose]();
      await pool.dispose();
    },
  };
}
