import type { Logger } from 'pino';
import type { Client, ClientChannel } from 'ssh2';
import { ChannelSocket } from './channel-socket.js';
import { execChannel } from './exec-channel.js';

// ssh2 reports channel-open failures with the RFC 4254 reason code.
const PROHIBITED = 1;
const UNKNOWN_CHANNEL_TYPE = 3;

/**
 * How an SSH profile reaches its remote Docker API: a streamlocal forward to the socket,
 * else `docker -H unix://<socket> system dial-stdio`. A server that refuses streamlocal
 * is remembered, so later sockets go straight to the fallback.
 */
export class DockerRoute {
  private streamLocalRefused = false;

  constructor(
    private readonly remoteSocket: string,
    private readonly profile: string,
    private readonly logger: Logger,
  ) {}

  /**
   * `track` sees each socket inside ssh2's callback, before any event of it can be missed.
   * `live` says whether `client` is still the connection's client: a failure on a dropped
   * connection is no refusal.
   */
  async open(
    client: Client,
    track: (socket: ChannelSocket) => void,
    live: () => boolean,
  ): Promise<ChannelSocket> {
    const socket = this.remoteSocket;
    const wrap = (channel: ClientChannel, label: string) => {
      const wrapped = new ChannelSocket(channel, label);
      track(wrapped);
      return wrapped;
    };
    if (!this.streamLocalRefused) {
      try {
        return await new Promise<ChannelSocket>((resolve, reject) => {
          client.openssh_forwardOutStreamLocal(socket, (error, channel) =>
            error ? reject(error) : resolve(wrap(channel, `streamlocal ${socket}`)),
          );
        });
      } catch (error) {
        if (!live()) throw error;
        const reason = (error as { reason?: number }).reason;
        if (reason === PROHIBITED || reason === UNKNOWN_CHANNEL_TYPE) this.streamLocalRefused = true;
        this.logger.debug(
          { err: error, profile: this.profile },
          'streamlocal forwarding refused; using docker system dial-stdio',
        );
      }
    }
    const argv = ['docker', '-H', `unix://${socket}`, 'system', 'dial-stdio'];
    return execChannel(client, argv, (channel) => wrap(channel, 'docker system dial-stdio'));
  }
}
