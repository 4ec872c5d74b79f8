import { randomBytes } from 'node:crypto';
import { bindEngine, type EnginePool } from '@berth/engine';
import { createMasker, type Masker } from '@berth/security';
import pino, { type Logger } from 'pino';
import type { BackendSet, BackendSetChange, McpBackend } from './backend.js';
import { buildBackend } from './backend-factory.js';
import type { CatalogServer } from './catalog-schema.js';
import { currentOwner, localProbe, type ProcessProbe } from './gateway-labels.js';
import { type LoadedCatalog, secretNamesOf } from './load-catalog.js';
import type { PooledBackend } from './pooled-backend.js';
import { type ReapResult, reapGateways } from './reaper.js';
import type { CatalogWatcher } from './watch-catalog.js';

export interface BackendSetOptions {
  /** A loaded catalog, or a watcher whose reloads swap the changed servers. */
  catalog: LoadedCatalog | CatalogWatcher;
  /** Engine connections by profile (`createClientPool` of @berth/client-pool). */
  pool: EnginePool;
  /** Written in `berth.gateway` labels; default a random id. */
  gatewayId?: string;
  logger?: Logger;
  /** Learns the catalog's secrets; server stderr in logs goes through it. */
  masker?: Masker;
  /** The egress proxy image allowHosts servers need (see the README). */
  egressProxyImage?: string;
  /** The network egress proxies reach the world through; default `bridge`. */
  egressOuterNetwork?: string;
  /** Labels added to everything started (tests add theirs). */
  extraLabels?: Record<string, string>;
  /** Remove dead gateways' containers on the profiles of container servers at start; default true. */
  reapOnStart?: boolean;
  probe?: ProcessProbe;
}

export interface ManagedBackendSet extends BackendSet {
  /** What the start-up reap removed, per profile. */
  readonly reaped: Record<string, ReapResult>;
}

function isWatcher(catalog: LoadedCatalog | CatalogWatcher): catalog is CatalogWatcher {
  return typeof (catalog as CatalogWatcher).on === 'function';
}

function containerProfiles(loaded: LoadedCatalog): string[] {
  return [
    ...new Set(
      Object.values(loaded.catalog.servers)
        .filter((s) => s.image !== undefined)
        .map((s) => s.profile),
    ),
  ];
}

/**
 * Builds the gateway's backends from a catalog. Nothing starts here but the reap of dead
 * gateways' containers: each server starts on its first request, so the gateway answers
 * at once. A watched catalog's reload closes changed and removed servers and adds new ones;
 * unchanged servers keep their warm instances. `close()` stops every server and removes
 * whatever this gateway still has on each engine it used.
 */
export async function createBackendSet(options: BackendSetOptions): Promise<ManagedBackendSet> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const gatewayId = options.gatewayId ?? randomBytes(8).toString('hex');
  const probe = options.probe ?? localProbe();
  const owner = currentOwner(gatewayId, probe);
  const masker = options.masker ?? createMasker();
  let loaded = isWatcher(options.catalog) ? options.catalog.current : options.catalog;
  const backends = new Map<string, { entry: CatalogServer; backend: PooledBackend }>();
  const listeners = new Set<(change: BackendSetChange) => void>();
  const usedProfiles = new Set<string>();

  const build = (name: string, entry: CatalogServer): PooledBackend => {
    if (entry.image !== undefined) usedProfiles.add(entry.profile);
    return buildBackend(name, entry, {
      pool: options.pool,
      owner,
      secrets: loaded.secrets,
      logger,
      masker,
      egressProxyImage: options.egressProxyImage,
      egressOuterNetwork: options.egressOuterNetwork,
      extraLabels: options.extraLabels,
    });
  };

  const apply = (next: LoadedCatalog): BackendSetChange => {
    const change: BackendSetChange = { added: [], removed: [], changed: [] };
    const previous = loaded.secrets;
    // Only servers that use a changed secret restart; the others keep their warm instances.
    const secretsChanged = (entry: CatalogServer) =>
      secretNamesOf(entry).some((secret) => previous.get(secret) !== next.secrets.get(secret));
    loaded = next;
    masker.addSecrets([...next.secrets.values()]);
    for (const [name, { entry, backend }] of backends) {
      const fresh = next.catalog.servers[name];
      if (!fresh) {
        change.removed.push(name);
      } else if (JSON.stringify(fresh) !== JSON.stringify(entry) || secretsChanged(fresh)) {
        change.changed.push(name);
      } else continue;
      backends.delete(name);
      void backend.close();
    }
    for (const [name, entry] of Object.entries(next.catalog.servers)) {
      if (backends.has(name)) continue;
      if (!change.changed.includes(name)) change.added.push(name);
      backends.set(name, { entry, backend: build(name, entry) });
    }
    return change;
  };
  masker.addSecrets([...loaded.secrets.values()]);
  for (const [name, entry] of Object.entries(loaded.catalog.servers))
    backends.set(name, { entry, backend: build(name, entry) });

  const reaped: Record<string, ReapResult> = {};
  if (options.reapOnStart !== false) {
    await Promise.all(
      containerProfiles(loaded).map(async (profile) => {
        try {
          const signal = AbortSignal.timeout(30_000);
          const host = bindEngine(await options.pool.acquire(profile, { signal }), { signal });
          reaped[profile] = await reapGateways(host, { probe, logger, signal });
        } catch (error) {
          logger.warn({ err: error, profile }, 'reaping dead gateways failed; continuing');
        }
      }),
    );
  }

  const unsubscribe = isWatcher(options.catalog)
    ? options.catalog.on('change', (next) => {
        const change = apply(next);
        logger.info(change, 'catalog applied');
        for (const listener of listeners) listener(change);
      })
    : () => {};

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      unsubscribe();
      await Promise.allSettled([...backends.values()].map(({ backend }) => backend.close()));
      // Whatever a crash or a lost stop left behind on the engines this gateway used.
      await Promise.allSettled(
        [...usedProfiles].map(async (profile) => {
          const signal = AbortSignal.timeout(30_000);
          const host = bindEngine(await options.pool.acquire(profile, { signal }), { signal });
          await reapGateways(host, { gatewayId, probe, logger, signal });
        }),
      );
    })();
    return closing;
  };

  return {
    gatewayId,
    reaped,
    // Catalog order, whatever order reloads rebuilt the backends in.
    names: () => Object.keys(loaded.catalog.servers).filter((name) => backends.has(name)),
    get: (server: string): McpBackend | undefined => backends.get(server)?.backend,
    all: () =>
      Object.keys(loaded.catalog.servers).flatMap((name) => {
        const found = backends.get(name);
        return found ? [found.backend] : [];
      }),
    endSession: async (session) => {
      await Promise.allSettled([...backends.values()].map(({ backend }) => backend.endSession(session)));
    },
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
