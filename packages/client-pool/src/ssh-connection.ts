import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { SshProfile } from '@berth/config';
import { shellJoin } from '@berth/security';
import type { Logger } from 'pino';
import type { Client, ClientChannel, ConnectConfig } from 'ssh2';
import { abortable } from './abortable.js';
import { ChannelSocket } from './channel-socket.js';
import { ClientPoolError } from './client-pool-error.js';
import { HostKeyVerifier } from './host-key-verifier.js';
import { expandHome } from './paths.js';
import { resolveSshCredentials } from './ssh-credentials.js';

export interface SshConnectionOptions {
  /** Profile name: the connection belongs to this profile alone (its key, its policy). */
  name: string;
  profile: SshProfile;
  env: NodeJS.ProcessEnv;
  homeDir: string;
  knownHostsDir: string;
  logger: Logger;
}

/** A command started over SSH; its exit status is recorded from the first moment. */
export class RemoteProcess {
  exit: { code: number | null; signal: string | undefined } | undefined;

  constructor(readonly channel: ClientChannel) {
    channel.once('exit', (code: number | null, signal?: string) => {
      this.exit = { code, signal };
    });
  }
}

// ssh2 reports channel-open failures with the RFC 4254 reason code.
const PROHIBITED = 1;
const UNKNOWN_CHANNEL_TYPE = 3;

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
  private streamLocalRefused = false;
  private openChannels = 0;
  /** How many times an SSH session was established (a reconnect adds one). */
  connectCount = 0;

  constructor(private readonly options: SshConnectionOptions) {
    super();
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
    const { name, profile } = this.options;
    return { profile: name, host: profile.host, port: profile.port };
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
  async openDockerStream(signal?: AbortSignal): Promise<ChannelSocket> {
    return this.withRetry(
      signal,
      (socket) => socket.destroy(),
      async (client) => {
        const socket = this.options.profile.remoteSocket;
        if (!this.streamLocalRefused) {
          try {
            // Wrapped inside the callback: a fast channel can emit events before a promise continuation runs.
            return await new Promise<ChannelSocket>((resolve, reject) => {
              client.openssh_forwardOutStreamLocal(socket, (error, channel) =>
                error
                  ? reject(error)
                  : resolve(this.track(new ChannelSocket(channel, `streamlocal ${socket}`))),
              );
            });
          } catch (error) {
            if (this.client !== client) throw error;
            const reason = (error as { reason?: number }).reason;
            if (reason === PROHIBITED || reason === UNKNOWN_CHANNEL_TYPE) this.streamLocalRefused = true;
            this.options.logger.debug(
              { err: error, profile: this.options.name },
              'streamlocal forwarding refused; using docker system dial-stdio',
            );
          }
        }
        const argv = ['docker', '-H', `unix://${socket}`, 'system', 'dial-stdio'];
        return this.execChannel(client, argv, (channel) =>
          this.track(new ChannelSocket(channel, 'docker system dial-stdio')),
        );
      },
    );
  }

  /** Starts `argv` on the remote host (every element quoted for the remote shell). */
  exec(argv: readonly string[], signal?: AbortSignal): Promise<RemoteProcess> {
    return this.withRetry(
      signal,
      (process) => process.channel.close(),
      (client) =>
        this.execChannel(client, argv, (channel) => {
          this.openChannels++;
          channel.once('close', () => {
            this.openChannels--;
          });
          return new RemoteProcess(channel);
        }),
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

  /** `wrap` runs inside ssh2's callback, before any event of the channel can be missed. */
  private execChannel<T>(
    client: Client,
    argv: readonly string[],
    wrap: (channel: ClientChannel) => T,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      try {
        client.exec(shellJoin(argv), (error, stream) => (error ? reject(error) : resolve(wrap(stream))));
      } catch (error) {
        reject(error);
      }
    });
  }

  private track(socket: ChannelSocket): ChannelSocket {
    this.openChannels++;
    socket.once('close', () => {
      this.openChannels--;
    });
    return socket;
  }

  private async open(): Promise<Client> {
    const { name, profile, env, homeDir, knownHostsDir, logger } = this.options;
    const ssh2 = await import('ssh2');
    // Bundled into an ESM bin (berth-mcp), the CommonJS module's exports sit under `default`.
    const SshClient = ssh2.Client ?? (ssh2 as unknown as { default: typeof ssh2 }).default.Client;
    const credentials = await resolveSshCredentials(name, profile, env, homeDir);
    const pinFile = join(knownHostsDir, 'known_hosts');
    const userFile = profile.knownHostsFile ? expandHome(profile.knownHostsFile, homeDir) : undefined;
    const knownHostsFiles =
      profile.hostKeyPolicy === 'accept-new'
        ? userFile
          ? [userFile]
          : [join(homeDir, '.ssh', 'known_hosts'), pinFile]
        : [userFile ?? join(homeDir, '.ssh', 'known_hosts')];
    const verifier = new HostKeyVerifier({
      profile: name,
      host: profile.host,
      port: profile.port,
      policy: profile.hostKeyPolicy,
      knownHostsFiles,
      ...(profile.hostKeyPolicy === 'accept-new' ? { pinFile: userFile ?? pinFile } : {}),
      logger,
    });
    const serverHostKey = await verifier.preferredAlgorithms();
    if (this.closed) throw this.closedError();
    const client = new SshClient();
    this.pending = client;
    const config: ConnectConfig = {
      host: profile.host,
      port: profile.port,
      username: profile.user,
      ...(credentials.privateKey ? { privateKey: credentials.privateKey } : {}),
      ...(credentials.agent ? { agent: credentials.agent } : {}),
      readyTimeout: profile.connectTimeoutMs,
      keepaliveInterval: profile.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      ...(serverHostKey ? { algorithms: { serverHostKey: serverHostKey as never } } : {}),
      // ssh2 treats a returned Promise as "accepted": answer through the callback only.
      hostVerifier: (key: Buffer, verified: (ok: boolean) => void): void => {
        verifier.verify(key).then(verified, (error: unknown) => {
          verifier.rejection = new ClientPoolError(
            'CONFIG',
            `Cannot check the host key of profile "${name}": ${(error as Error).message}`,
            { profile: name, knownHostsFiles },
            { cause: error },
          );
          verified(false);
        });
      },
    };
    logger.debug(
      { profile: name, host: profile.host, port: profile.port, user: profile.user },
      'ssh connecting',
    );
    return new Promise<Client>((resolve, reject) => {
      let settled = false;
      const fail = (error: ClientPoolError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (this.pending === client) this.pending = undefined;
        client.destroy();
        reject(this.closed ? this.closedError() : error);
      };
      const timer = setTimeout(
        () =>
          fail(
            new ClientPoolError(
              'TIMEOUT',
              `SSH to ${profile.host}:${profile.port} (profile "${name}") did not connect within ${profile.connectTimeoutMs} ms`,
              { ...this.where, timeoutMs: profile.connectTimeoutMs },
            ),
          ),
        profile.connectTimeoutMs,
      );
      timer.unref();
      client.on('error', (error: Error & { level?: string }) => {
        if (!settled) fail(this.mapError(error, verifier.rejection, credentials.description));
        else logger.warn({ err: error, profile: name }, 'ssh connection error');
      });
      client.once('ready', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.pending = undefined;
        if (this.closed) {
          client.end();
          reject(this.closedError());
          return;
        }
        this.client = client;
        this.connectCount++;
        logger.info(
          {
            profile: name,
            host: profile.host,
            port: profile.port,
            fingerprint: verifier.acceptedFingerprint,
          },
          'ssh connected',
        );
        resolve(client);
      });
      client.on('close', () => {
        fail(
          new ClientPoolError(
            'UNREACHABLE',
            `SSH to ${profile.host}:${profile.port} closed during the handshake`,
            this.where,
          ),
        );
        if (this.client === client) {
          this.client = undefined;
          logger.info({ profile: name }, 'ssh connection closed; the next call reconnects');
          this.emit('disconnect');
        }
      });
      try {
        client.connect(config);
      } catch (error) {
        fail(
          new ClientPoolError('CONFIG', `Profile "${name}": ${(error as Error).message}`, this.where, {
            cause: error,
          }),
        );
      }
    });
  }

  private mapError(
    error: Error & { level?: string },
    rejection: ClientPoolError | undefined,
    offered: string,
  ): ClientPoolError {
    if (rejection) return rejection;
    const { name, profile } = this.options;
    const target = `${profile.host}:${profile.port} (profile "${name}")`;
    switch (error.level) {
      case 'client-authentication':
        return new ClientPoolError(
          'AUTH_FAILED',
          `SSH ${target} refused user "${profile.user}" with ${offered}: ${error.message}`,
          this.where,
          { cause: error },
        );
      case 'client-timeout':
        return new ClientPoolError(
          'TIMEOUT',
          `SSH ${target}: ${error.message}`,
          { ...this.where, timeoutMs: profile.connectTimeoutMs },
          { cause: error },
        );
      default:
        return new ClientPoolError('UNREACHABLE', `SSH ${target}: ${error.message}`, this.where, {
          cause: error,
        });
    }
  }
}
