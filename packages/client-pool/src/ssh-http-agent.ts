import { Agent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SshConnection } from './ssh-connection.js';

/**
 * The http.Agent dockerode uses for an SSH profile: every HTTP connection is a channel on
 * the profile's one SSH connection. Keep-alive reuses channels; a dropped SSH connection
 * closes them, and the next request reconnects.
 */
export class SshHttpAgent extends Agent {
  constructor(
    private readonly connection: SshConnection,
    private readonly onUse: () => void,
  ) {
    super({ keepAlive: true });
    connection.on('disconnect', () => this.destroy());
  }

  override createConnection(
    _options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    this.onUse();
    this.connection.openDockerStream().then(
      (socket) => callback?.(null, socket),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
