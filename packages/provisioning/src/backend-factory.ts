import type { EnginePool, HostEngine } from '@berth/engine';
import type { Masker } from '@berth/security';
import type { Logger } from 'pino';
import type { CatalogServer } from './catalog-schema.js';
import { type ContainerNetwork, containerLauncher } from './container-launcher.js';
import { EgressNetwork } from './egress-network.js';
import type { GatewayOwner } from './gateway-labels.js';
import { PooledBackend } from './pooled-backend.js';
import { ProvisioningError } from './provisioning-error.js';
import { remoteLauncher } from './remote-launcher.js';
import { staticLauncher } from './static-launcher.js';

export interface BackendContext {
  pool: EnginePool;
  owner: GatewayOwner;
  secrets: ReadonlyMap<string, string>;
  logger: Logger;
  masker: Masker;
  egressProxyImage: string | undefined;
  egressOuterNetwork: string | undefined;
  extraLabels: Record<string, string> | undefined;
}

function egressFor(
  name: string,
  entry: CatalogServer,
  ctx: BackendContext,
  logger: Logger,
): EgressNetwork | undefined {
  const { network } = entry;
  if (typeof network !== 'object') return undefined;
  return new EgressNetwork({
    server: name,
    profile: entry.profile,
    allowHosts: network.allowHosts,
    owner: ctx.owner,
    pool: ctx.pool,
    image: ctx.egressProxyImage ?? '',
    ...(ctx.egressOuterNetwork ? { outerNetwork: ctx.egressOuterNetwork } : {}),
    logger,
    ...(ctx.extraLabels ? { extraLabels: ctx.extraLabels } : {}),
  });
}

/** The backend of one catalog server: remote, static or a container (with its egress network). */
export function buildBackend(name: string, entry: CatalogServer, ctx: BackendContext): PooledBackend {
  const logger = ctx.logger.child({ server: name });
  if (entry.remote) {
    const launch = remoteLauncher(name, entry.remote, entry.config, ctx.secrets);
    return new PooledBackend({ name, kind: 'remote', server: entry, logger, launcher: () => launch });
  }
  if (entry.static !== undefined) {
    const launch = staticLauncher(name, entry.static);
    return new PooledBackend({ name, kind: 'static', server: entry, logger, launcher: () => launch });
  }
  const egress = egressFor(name, entry, ctx, logger);
  const network = async (host: HostEngine, signal: AbortSignal): Promise<ContainerNetwork> => {
    if (!egress) return { network: entry.network === 'default' ? 'bridge' : 'none' };
    if (!ctx.egressProxyImage) {
      throw new ProvisioningError(
        'CONFIG',
        `server ${name} has allowHosts, but the gateway was given no egress proxy image`,
        { server: name },
      );
    }
    return egress.resolve(host, signal);
  };
  const deps = {
    pool: ctx.pool,
    owner: ctx.owner,
    secrets: ctx.secrets,
    logger,
    masker: ctx.masker,
    network,
    ...(ctx.extraLabels ? { extraLabels: ctx.extraLabels } : {}),
  };
  return new PooledBackend({
    name,
    kind: 'container',
    server: entry,
    logger,
    launcher: (session) => containerLauncher(name, entry, session, deps),
    ...(egress ? { afterClose: () => egress.close() } : {}),
  });
}
