import { type HostEngine, isEngineError } from '@berth/engine';
import type { Logger } from 'pino';
import { GATEWAY_LABEL, ownerOf, ownerState, type ProcessProbe } from './gateway-labels.js';

export interface ReapResult {
  containers: string[];
  networks: string[];
  /** Gateway ids whose resources were removed. */
  gateways: string[];
}

export interface ReapOptions {
  /** Remove this gateway's resources (shutdown) instead of dead gateways' (start). */
  gatewayId?: string;
  probe: ProcessProbe;
  logger: Logger;
  signal?: AbortSignal;
}

function ignoreGone(error: unknown): void {
  if (!(isEngineError(error) && error.code === 'NOT_FOUND')) throw error;
}

/**
 * Removes containers and networks labelled `berth.gateway` on one engine. With
 * `gatewayId`: that gateway's (its own shutdown). Without: those of gateways that ran on
 * this machine and are provably dead (another boot, or no process with that pid and start
 * time), so a restart after SIGKILL leaves no orphans, and a live gateway's or another
 * machine's resources are never touched. Containers go first: a network in use cannot.
 */
export async function reapGateways(host: HostEngine, options: ReapOptions): Promise<ReapResult> {
  const { signal } = options;
  const owned = (labels: Record<string, string>) => {
    if (options.gatewayId !== undefined) return labels[GATEWAY_LABEL] === options.gatewayId;
    const owner = ownerOf(labels);
    return owner !== undefined && ownerState(owner, options.probe) === 'dead';
  };
  const label = options.gatewayId !== undefined ? { [GATEWAY_LABEL]: options.gatewayId } : [GATEWAY_LABEL];
  const result: ReapResult = { containers: [], networks: [], gateways: [] };
  const gateways = new Set<string>();
  const { items } = await host.containers.list({
    all: true,
    filters: { label },
    ...(signal ? { signal } : {}),
  });
  await Promise.all(
    items
      .filter((c) => owned(c.labels))
      .map(async (c) => {
        await host.containers
          .remove(c.id, { force: true, ...(signal ? { signal } : {}) })
          .catch(async (error: unknown) => {
            // AutoRemove is already removing it (slow on some storage drivers): wait for the end.
            if (isEngineError(error) && error.code === 'CONFLICT') {
              await host.containers
                .wait(c.id, { condition: 'removed', ...(signal ? { signal } : {}) })
                .catch(ignoreGone);
            } else ignoreGone(error);
          });
        result.containers.push(c.id);
        gateways.add(c.labels[GATEWAY_LABEL] as string);
      }),
  );
  const networks = await host.networks.list({ filters: { label }, ...(signal ? { signal } : {}) });
  for (const n of networks.filter((n) => owned(n.labels))) {
    await host.networks.remove(n.id, signal ? { signal } : {}).catch(ignoreGone);
    result.networks.push(n.name);
    gateways.add(n.labels[GATEWAY_LABEL] as string);
  }
  result.gateways = [...gateways];
  if (result.containers.length + result.networks.length > 0) {
    options.logger.info(
      { profile: host.profile, ...result },
      options.gatewayId ? "removed this gateway's servers" : 'reaped the servers of dead gateways',
    );
  }
  return result;
}
