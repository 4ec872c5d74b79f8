import { bindEngine, type EnginePool, type HostEngine, isEngineError } from '@berth/engine';
import type { Logger } from 'pino';
import type { ContainerNetwork } from './container-launcher.js';
import { type GatewayOwner, ownerLabels, SERVER_LABEL } from './gateway-labels.js';

/** The name a server's container reaches its egress proxy by, on the internal network. */
export const EGRESS_PROXY_ALIAS = 'berth-egress-proxy';
export const EGRESS_PROXY_PORT = 8888;

export interface EgressOptions {
  server: string;
  profile: string;
  allowHosts: string[];
  owner: GatewayOwner;
  pool: EnginePool;
  /** The proxy image (tinyproxy; see the README for what it must do). */
  image: string;
  /** The network the proxy reaches the world through; default `bridge`. */
  outerNetwork?: string;
  logger: Logger;
  extraLabels?: Record<string, string>;
}

/** tinyproxy filter lines: one anchored expression per allowed host name. */
export function egressFilter(allowHosts: readonly string[]): string {
  const hosts = [...new Set(allowHosts.map((h) => h.replace(/:[0-9]+$/, '').toLowerCase()))];
  return hosts.map((h) => `^${h.replace(/[.]/g, '\\.')}$`).join('\n');
}

/** Ports CONNECT (HTTPS) may reach: those written as host:port, else 443. */
export function egressConnectPorts(allowHosts: readonly string[]): string[] {
  const ports = allowHosts.map((h) => /:([0-9]+)$/.exec(h)?.[1]).filter((p): p is string => p !== undefined);
  return [...new Set(ports.length > 0 ? ports : ['443'])];
}

/**
 * The egress of an allowHosts server: an internal network (no route out) that the server
 * joins, and a proxy container on it and on an outer network that lets only the listed
 * hosts through, for CONNECT and for plain HTTP. Made on first use, shared by the server's
 * instances, removed (proxy, then network) at close; a failed setup removes what it made.
 */
export class EgressNetwork {
  #ready: Promise<ContainerNetwork> | undefined;
  #made: { network?: string; proxy?: string } = {};

  constructor(private readonly options: EgressOptions) {}

  get #name(): string {
    return `berth-egress-${this.options.owner.gatewayId.slice(0, 12)}-${this.options.server}`;
  }

  resolve(host: HostEngine, signal: AbortSignal): Promise<ContainerNetwork> {
    this.#ready ??= this.#create(host, signal).catch(async (error: unknown) => {
      this.#ready = undefined;
      await this.close();
      throw error;
    });
    return this.#ready;
  }

  async #create(host: HostEngine, signal: AbortSignal): Promise<ContainerNetwork> {
    const { options } = this;
    const labels = {
      ...(options.extraLabels ?? {}),
      ...ownerLabels(options.owner),
      [SERVER_LABEL]: options.server,
    };
    const name = this.#name;
    await host.networks.create({ name, internal: true, labels }, { signal });
    this.#made.network = name;
    const proxy = await host.containers.create(
      {
        image: options.image,
        name: `${name}-proxy`,
        labels,
        env: {
          BERTH_EGRESS_FILTER: egressFilter(options.allowHosts),
          BERTH_EGRESS_CONNECT_PORTS: egressConnectPorts(options.allowHosts).join(' '),
        },
        network: options.outerNetwork ?? 'bridge',
        mounts: [{ type: 'tmpfs', target: '/tmp' }],
        readOnlyRootfs: true,
        capDrop: ['ALL'],
        securityOpt: ['no-new-privileges'],
        init: true,
        memoryBytes: 64 * 1024 * 1024,
        cpus: 0.5,
      },
      { signal },
    );
    this.#made.proxy = proxy.id;
    await host.networks.connect(name, proxy.id, { aliases: [EGRESS_PROXY_ALIAS], signal });
    await host.containers.start(proxy.id, { signal });
    options.logger.info(
      { server: options.server, network: name, allowHosts: options.allowHosts },
      'egress proxy started',
    );
    const url = `http://${EGRESS_PROXY_ALIAS}:${EGRESS_PROXY_PORT}`;
    return {
      network: name,
      proxyEnv: {
        HTTP_PROXY: url,
        HTTPS_PROXY: url,
        http_proxy: url,
        https_proxy: url,
        NO_PROXY: '',
        no_proxy: '',
      },
    };
  }

  /** Removes the proxy, then the network; the server's containers must be gone first. */
  async close(): Promise<void> {
    const made = this.#made;
    this.#made = {};
    this.#ready = undefined;
    if (!made.proxy && !made.network) return;
    const signal = AbortSignal.timeout(30_000);
    const host = bindEngine(await this.options.pool.acquire(this.options.profile, { signal }), { signal });
    const gone = (error: unknown) => {
      if (!(isEngineError(error) && error.code === 'NOT_FOUND'))
        this.options.logger.warn({ err: error }, 'egress cleanup failed');
    };
    if (made.proxy) await host.containers.remove(made.proxy, { force: true }).catch(gone);
    if (made.network) await host.networks.remove(made.network).catch(gone);
  }
}
