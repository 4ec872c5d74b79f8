import { shellJoin } from '@berth/security';
import type { Client, ClientChannel } from 'ssh2';

/**
 * Starts `argv` on the remote host, every element quoted by shellJoin: the one way berth
 * puts argv through a remote shell. `wrap` runs inside ssh2's callback, before any event
 * of the channel can be missed.
 */
export function execChannel<T>(
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
