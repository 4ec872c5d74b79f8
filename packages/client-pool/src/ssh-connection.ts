import { EventEmitter } from 'node:events';
import type { Client } from 'ssh2';
import { abortable } from './abortable.js';
import type { ChannelSocket } from './channel-socket.js';
import { ClientPoolError } from './client-pool-error.js';
import { DockerRoute } from './docker-route.js';
import { execChannel } from './exec-channel.js';
import { RemoteProcess } from './remote-process.js';
import { type SshConnectionOptions, sshConnectConfig, sshWhere } from './ssh-connect-config.js';
import { sshHandshake } from './ssh-handshake.js';

export type { SshConnectionOptions } from './ssh-connect-config.js';

/**
 * One SSH connection for one profile, multiplexed: the Docker API and remote commands
 * are channels on it. Connects lazily (ssh2 is imported on first use), verifies the host
 * key, and after a drop reconnects on the next use; concurrent callers share one attempt.
 */
export class SshConnection extends EventEmitter {
  private client: Client | undefined;
  private pending: Client | undefined;
  private connectPromise: Promise<Client> | undefined;
  private closed = false;
  private openChannels = 0;
  /** How many times an SSH session was established (a reconnect adds one). */
  connectCount = 0;

  private readonly dockerRoute: DockerRoute;

  constructor(private readonly options: SshConnectionOptions) {
    super();
    this.dockerRoute = new DockerRoute(options.profile.remoteSocket, options.name, options.logger);
  }

  /** Channels open now (Docker API sockets, idle or not, and commands). */
  get channelCount(): number {
    return this.openChannels;
  }

  get connecting(): boolean {
    return this.connectPromise !== undefined;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  private get where() {
    return sshWhere(this.options);
  }

  /** The live ssh2 client, connecting first when there is none. */
  connect(signal?: AbortSignal): Promise<Client> {
    if (this.closed) return Promise.reject(this.closedError());
    if (this.client) return Promise.resolve(this.client);
    this.connectPromise ??= this.open().finally(() => {
      this.connectPromise = undefined;
    });
    return abortable(this.connectPromise, signal, `connecting to profile "${this.options.name}"`, this.where);
  }

  /** A socket to the remote Docker API: streamlocal forward, else `docker system dial-stdio`. */
  openDockerStream(signal?: AbortSignal): Promise<ChannelSocket> {
    return this.withRetry(
      signal,
      (socket) => socket.destroy(),
      (client) =>
        this.dockerRoute.open(
          client,
          (socket) => this.track(socket),
          () => this.client === client,
        ),
    );
  }

  /** Starts `argv` on the remote host (every element quoted for the remote shell). */
  exec(argv: readonly string[], signal?: AbortSignal): Promise<RemoteProcess> {
    return this.withRetry(
      signal,
      (process) => process.channel.close(),
      (client) => execChannel(client, argv, (channel) => new RemoteProcess(this.track(channel))),
    );
  }

  /** Closes the connection for good; later calls fail with CLOSED. */
  close(): void {
    this.closed = true;
    for (const client of [this.client, this.pending]) {
      if (!client) continue;
      client.end();
      // end() waits for the server; a hung server must not keep the process alive.
      setTimeout(() => client.destroy(), 1000).unref();
    }
    this.client = undefined;
    this.pending = undefined;
  }

  private closedError(): ClientPoolError {
    return new ClientPoolError(
      'CLOSED',
      `The client for profile "${this.options.name}" was evicted or its pool disposed; acquire a new one.`,
      this.where,
    );
  }

  /** Runs `fn` on a live client; when the connection dropped under it, once more on a fresh one. */
  private async withRetry<T>(
    signal: AbortSignal | undefined,
    discard: (late: T) => void,
    fn: (client: Client) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.connect(signal);
      try {
        const what = `opening a channel on profile "${this.options.name}"`;
        return await abortable(fn(client), signal, what, this.where, discard);
      } catch (error) {
        if (attempt >= 2 || this.closed || this.client === client) throw error;
        this.options.logger.debug(
          { profile: this.options.name },
          'connection dropped while opening a channel; retrying',
        );
      }
    }
  }

  /** Counts a channel (or the socket around one) as open until it closes. */
  private track<T extends EventEmitter>(channel: T): T {
    this.openChannels++;
    channel.once('close', () => {
      this.openChannels--;
    });
    return channel;
  }

  private async open(): Promise<Client> {
    const { name, logger } = this.options;
    const ssh2 = await import('ssh2');
    // Bundled into an ESM bin (berth-mcp), the CommonJS module's exports sit under `default`.
    const SshClient = ssh2.Client ?? (ssh2 as unknown as { default: typeof ssh2 }).default.Client;
    const setup = await sshConnectConfig(this.options);
    if (this.closed) throw this.closedError();
    const client = new SshClient();
    this.pending = client;
    client.on('close', () => {
      if (this.client !== client) return;
      this.client = undefined;
      logger.info({ profile: name }, 'ssh connection closed; the next call reconnects');
      this.emit('disconnect');
    });
    logger.debug({ ...this.where, user: this.options.profile.user }, 'ssh connecting');
    await sshHandshake(client, setup, this.options, {
      ready: () => {
        this.pending = undefined;
        if (this.closed) {
          client.end();
          return this.closedError();
        }
        this.client = client;
        this.connectCount++;
        return undefined;
      },
      failed: (error) => {
        if (this.pending === client) this.pending = undefined;
        return this.closed ? this.closedError() : error;
      },
    });
    return client;
  }
}
