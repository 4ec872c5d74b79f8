import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import {
  attachContainer,
  bindEngine,
  type EnginePool,
  FrameDemuxer,
  type HostEngine,
  isEngineError,
} from '@berth/engine';
import type { Masker } from '@berth/security';
import type { Logger } from 'pino';
import type { CatalogServer } from './catalog-schema.js';
import type { GatewayOwner } from './gateway-labels.js';
import type { Launcher } from './mcp-instance.js';
import { ProvisioningError } from './provisioning-error.js';
import { buildRunSpec } from './run-spec.js';
import { StreamTransport } from './stream-transport.js';

/** Where a server's container is attached: the network and, for allowHosts, the proxy env. */
export interface ContainerNetwork {
  network: string;
  proxyEnv?: Record<string, string>;
}

export interface ContainerLauncherDeps {
  pool: EnginePool;
  owner: GatewayOwner;
  secrets: ReadonlyMap<string, string>;
  logger: Logger;
  masker: Masker;
  /** Resolves the server's network (creating an egress network and proxy when needed). */
  network: (host: HostEngine, signal: AbortSignal) => Promise<ContainerNetwork>;
  extraLabels?: Record<string, string>;
}

/** Lines of a server's stderr kept for the log; a chatty server must not flood it. */
const MAX_STDERR_LINE = 2_000;

/**
 * Starts a containerized stdio server on the engine of the server's profile (local or
 * remote): checks the image is there (never pulls), creates the container from
 * buildRunSpec, attaches stdin/stdout over the engine API before starting it, and hands
 * the streams to an MCP transport. A failure after create removes the container again.
 * Stopping ends stdin (the server sees EOF) and force-removes the container.
 */
export function containerLauncher(
  server: string,
  entry: CatalogServer,
  session: string | undefined,
  deps: ContainerLauncherDeps,
): Launcher {
  const specFor = (net: ContainerNetwork) =>
    buildRunSpec({
      server,
      entry,
      owner: deps.owner,
      ...(session !== undefined ? { session } : {}),
      instanceId: randomBytes(4).toString('hex'),
      secrets: deps.secrets,
      network: net.network,
      ...(net.proxyEnv ? { proxyEnv: net.proxyEnv } : {}),
      ...(deps.extraLabels ? { extraLabels: deps.extraLabels } : {}),
    });
  return async (signal) => {
    // A catalog the guards refuse (a missing secret, a flag-like value) fails before any engine call.
    specFor({ network: 'none' });
    const lease = await deps.pool.acquire(entry.profile, { signal });
    // The container outlives the start: its engine calls get their own signal, aborted at stop.
    const life = new AbortController();
    const host = bindEngine(lease, { signal: life.signal });
    const image = entry.image as string;
    await host.images.inspect(image, { signal }).catch((error: unknown) => {
      if (isEngineError(error) && error.code === 'NOT_FOUND') {
        throw new ProvisioningError(
          'NOT_FOUND',
          `server ${server}: image ${image} is not on profile ${entry.profile}; pull it first (the gateway never pulls when a call starts a server)`,
          { server, image },
          { cause: error },
        );
      }
      throw error;
    });
    const net = await deps.network(host, signal);
    const { spec } = specFor(net);
    const { id } = await host.containers.create(spec, { signal });
    const log = deps.logger.child({ server, container: id.slice(0, 12) });
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      life.abort();
      const cleanup = bindEngine(lease, { signal: AbortSignal.timeout(30_000) });
      await cleanup.containers.remove(id, { force: true }).catch(async (error: unknown) => {
        if (isEngineError(error) && error.code === 'NOT_FOUND') return;
        // AutoRemove is already at it: wait until it is done, so a closed gateway leaves nothing.
        if (isEngineError(error) && error.code === 'CONFLICT') {
          await cleanup.containers.wait(id, { condition: 'removed' }).catch(() => {});
          return;
        }
        log.warn({ err: error }, 'removing the server container failed');
      });
    };
    try {
      const stream = await attachContainer(lease.docker, id, { signal: life.signal });
      const stdout = new PassThrough();
      const demuxer = new FrameDemuxer('multiplexed');
      let stderrTail = '';
      stream.on('data', (chunk: Buffer) => {
        for (const frame of demuxer.push(chunk)) {
          if (frame.stream === 'stdout') stdout.write(frame.data);
          else if (frame.stream === 'stderr') {
            stderrTail = (stderrTail + frame.data.toString('utf8')).slice(-MAX_STDERR_LINE * 4);
            const lines = stderrTail.split('\n');
            stderrTail = lines.pop() ?? '';
            for (const line of lines)
              if (line)
                log.debug({ stderr: deps.masker.maskText(line.slice(0, MAX_STDERR_LINE)) }, 'server stderr');
          }
        }
      });
      stream.once('close', () => stdout.end());
      stream.once('end', () => stdout.end());
      stream.on('error', (error: Error) => log.debug({ err: error.message }, 'attach stream error'));
      await host.containers.start(id, { signal });
      return {
        transport: new StreamTransport(stdout, stream, () => void stop()),
        stop,
        describe: `container ${id.slice(0, 12)} on ${entry.profile}`,
      };
    } catch (error) {
      await stop();
      throw error;
    }
  };
}
